"""A small ASN.1 PER encoder, ALIGNED variant (ITU-T X.691), for test captures.

H.225.0 (H.323 call signalling, RAS) and H.245 are PER aligned. There is no
schema compiler here: a message builder walks its ASN.1 type by hand and
calls one method per component, in the order X.691 puts them on the wire:

    w = PerWriter()
    w.sequence_preamble(extensible=True, optionals=[True, False])
    w.constrained_int(5, 0, 255)
    w.choice(1, root_count=4, extensible=True)
    ...
    data = w.to_bytes()

What it covers (clause numbers of X.691):
- constrained whole numbers (10.5): bit-field for a range up to 255, one
  aligned octet for 256, two for up to 64K, else a length in octets plus the
  minimum octets; semi-constrained and unconstrained ones (10.7, 10.8);
  extensible INTEGER constraints (12.1);
- normally small non-negative whole numbers (10.6): CHOICE extension
  indexes and extension-bitmap lengths;
- length determinants (10.9): constrained (a whole number, no alignment for a
  range up to 255) and unconstrained (aligned, 1 or 2 octets; fragments are
  not needed for these messages and are refused);
- SEQUENCE / SET (19): extension bit, preamble bits for OPTIONAL/DEFAULT
  root components, and the extension-addition bitmap with each present
  addition as an open type (`sequence_extensions`);
- CHOICE (23): root index as a constrained whole number, extension index as
  a normally small number followed by the value as an open type;
- open types (10.2): a complete encoding (at least one octet) behind an
  unconstrained length;
- BOOLEAN, NULL, ENUMERATED, OCTET STRING (fixed and variable size),
  OBJECT IDENTIFIER (BER contents behind a length), SEQUENCE OF / SET OF
  counts, and the known-multiplier character strings IA5String (8 bits a
  character in the aligned variant, or fewer with a permitted alphabet:
  FROM("0123456789#*,") takes 4 bits and indexes into the sorted alphabet),
  BMPString (16 bits) and GeneralString (an octet string).

Everything is deterministic and uses only the standard library.
"""


class PerError(ValueError):
    pass


def _bits_for(n):
    """Bits needed to hold 0..n (n >= 0)."""
    return n.bit_length()


def _octets_for(n):
    """Octets needed to hold the non-negative n (at least one)."""
    return max(1, (n.bit_length() + 7) // 8)


class PerWriter:
    """Bits appended most significant first; `align()` pads to an octet."""

    def __init__(self):
        self._bits = []

    # ---- raw bits ----------------------------------------------------------

    def bit(self, value):
        self._bits.append(1 if value else 0)

    def bits(self, value, count):
        if value < 0 or value >> count:
            raise PerError("%d does not fit in %d bits" % (value, count))
        for i in range(count - 1, -1, -1):
            self._bits.append((value >> i) & 1)

    def align(self):
        while len(self._bits) % 8:
            self._bits.append(0)

    def octets(self, data):
        """Whole octets at the current position (the caller aligns)."""
        for byte in bytes(data):
            self.bits(byte, 8)

    def bit_length(self):
        return len(self._bits)

    def to_bytes(self):
        """The encoding padded to whole octets (X.691 10.1.3: an empty
        complete encoding is one zero octet)."""
        bits = self._bits + [0] * (-len(self._bits) % 8)
        if not bits:
            return b"\x00"
        out = bytearray()
        for i in range(0, len(bits), 8):
            byte = 0
            for b in bits[i:i + 8]:
                byte = (byte << 1) | b
            out.append(byte)
        return bytes(out)

    # ---- whole numbers -----------------------------------------------------

    def constrained_int(self, value, lb, ub, extensible=False):
        """INTEGER (lb..ub) or INTEGER (lb..ub, ...) with value in the root."""
        if not lb <= value <= ub:
            raise PerError("%d outside %d..%d" % (value, lb, ub))
        if extensible:
            self.bit(0)
        self._constrained_whole(value - lb, ub - lb + 1)

    def _constrained_whole(self, offset, range_):
        if range_ == 1:
            return
        if range_ <= 255:
            self.bits(offset, _bits_for(range_ - 1))
        elif range_ == 256:
            self.align()
            self.bits(offset, 8)
        elif range_ <= 65536:
            self.align()
            self.bits(offset, 16)
        else:
            # indefinite-length case: number of octets (1..max) as a
            # constrained whole number, then the minimum octets, aligned
            max_octets = _octets_for(range_ - 1)
            n = _octets_for(offset)
            self._constrained_whole(n - 1, max_octets)
            self.align()
            self.octets(offset.to_bytes(n, "big"))

    def semi_constrained_int(self, value, lb=0):
        """INTEGER (lb..MAX): a length, then the minimum octets of value-lb."""
        offset = value - lb
        if offset < 0:
            raise PerError("%d below %d" % (value, lb))
        n = _octets_for(offset)
        self.length(n)
        self.octets(offset.to_bytes(n, "big"))

    def unconstrained_int(self, value):
        """INTEGER: a length, then two's complement in the minimum octets."""
        n = 1
        while not -(1 << (8 * n - 1)) <= value < (1 << (8 * n - 1)):
            n += 1
        self.length(n)
        self.octets(value.to_bytes(n, "big", signed=True))

    def normally_small(self, value):
        """Normally small non-negative whole number (X.691 10.6)."""
        if value <= 63:
            self.bit(0)
            self.bits(value, 6)
        else:
            self.bit(1)
            self.semi_constrained_int(value, 0)

    # ---- lengths -----------------------------------------------------------

    def length(self, n, lb=0, ub=None):
        """A length determinant. With ub < 64K it is a constrained whole
        number (nothing at all for a fixed size); otherwise it is aligned,
        one octet below 128 and two below 16K."""
        if ub is not None and ub < 65536:
            if not lb <= n <= ub:
                raise PerError("length %d outside %d..%d" % (n, lb, ub))
            self._constrained_whole(n - lb, ub - lb + 1)
            return
        self.align()
        if n < 128:
            self.bits(n, 8)
        elif n < 16384:
            self.bits(0x8000 | n, 16)
        else:
            raise PerError("fragmented lengths (%d) are not supported" % n)

    # ---- simple types ------------------------------------------------------

    def boolean(self, value):
        self.bit(value)

    def null(self):
        pass

    def enumerated(self, index, root_count, extensible=False):
        if extensible:
            self.bit(0)
        self._constrained_whole(index, root_count)

    def octet_string(self, data, lb=0, ub=None):
        """OCTET STRING (SIZE (lb..ub)); ub None: no upper bound."""
        data = bytes(data)
        n = len(data)
        if ub is not None and lb == ub:
            if n != lb:
                raise PerError("need exactly %d octets, got %d" % (lb, n))
            if n > 2:  # up to two octets stay unaligned (X.691 17.6)
                self.align()
            self.octets(data)
            return
        self.length(n, lb, ub)
        if n:
            self.align()
        self.octets(data)

    def object_identifier(self, dotted):
        """OBJECT IDENTIFIER: the BER contents octets behind a length."""
        arcs = [int(a) for a in dotted.split(".")]
        if len(arcs) < 2:
            raise PerError("an OID has at least two arcs")
        content = bytearray()
        for arc in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
            chunk = [arc & 0x7F]
            arc >>= 7
            while arc:
                chunk.append(0x80 | (arc & 0x7F))
                arc >>= 7
            content.extend(reversed(chunk))
        self.length(len(content))
        self.octets(content)

    # ---- character strings ---------------------------------------------------

    def ia5_string(self, text, lb=0, ub=None, alphabet=None):
        """IA5String, optionally with SIZE (lb..ub) and FROM (alphabet).

        Aligned variant (X.691 30.5): each character takes b bits, b being the
        bits for the alphabet size rounded up to a power of two (8 for the
        full IA5 set); when the alphabet's largest code does not fit in b bits
        the character's index in the sorted alphabet is encoded instead."""
        codes = sorted(set(ord(c) for c in (alphabet if alphabet else map(chr, range(128)))))
        b = _bits_for(len(codes) - 1)
        b2 = 1
        while b2 < b:
            b2 *= 2
        use_index = codes[-1] > (1 << b2) - 1
        values = []
        for ch in text:
            if ord(ch) not in codes:
                raise PerError("%r not in the permitted alphabet" % ch)
            values.append(codes.index(ord(ch)) if use_index else ord(ch))
        self._known_multiplier(values, b2, lb, ub)

    def bmp_string(self, text, lb=0, ub=None):
        """BMPString: 16 bits a character (basic multilingual plane only)."""
        values = [ord(c) for c in text]
        if any(v > 0xFFFF for v in values):
            raise PerError("BMPString holds only the basic multilingual plane")
        self._known_multiplier(values, 16, lb, ub)

    def _known_multiplier(self, values, bits_per_char, lb, ub):
        n = len(values)
        fixed = ub is not None and lb == ub
        if fixed:
            if n != lb:
                raise PerError("need exactly %d characters" % lb)
        else:
            self.length(n, lb, ub)
        # X.691 30.5.7: aligned unless the whole string fits in 16 bits
        if ub is None or ub * bits_per_char > 16:
            if n:
                self.align()
        for v in values:
            self.bits(v, bits_per_char)

    def general_string(self, text):
        """GeneralString: not a known-multiplier type, so an unconstrained
        length and the octets (ASCII here)."""
        data = text.encode("ascii")
        self.length(len(data))
        if data:
            self.align()
        self.octets(data)

    # ---- constructed types -----------------------------------------------------

    def sequence_preamble(self, extensible, optionals=(), extended=False):
        """SEQUENCE: the extension bit (when the type has `...`), then one
        bit per OPTIONAL/DEFAULT root component, present or not."""
        if extensible:
            self.bit(extended)
        elif extended:
            raise PerError("a non-extensible SEQUENCE has no extensions")
        for present in optionals:
            self.bit(present)

    def sequence_extensions(self, additions):
        """The extension additions of a SEQUENCE whose extension bit was set:
        `additions` has one entry per addition of the type, in order: None
        when absent, otherwise a function writing the value to a PerWriter.
        Written as a bitmap (length - 1 as a normally small number) and then
        each present addition as an open type."""
        if not additions:
            raise PerError("no extension additions")
        self.normally_small(len(additions) - 1)
        for encode in additions:
            self.bit(encode is not None)
        for encode in additions:
            if encode is not None:
                self.open_type(encode)

    def choice(self, index, root_count, extensible=False):
        """CHOICE alternative `index` of the root (0-based)."""
        if not 0 <= index < root_count:
            raise PerError("choice index %d outside the root of %d" % (index, root_count))
        if extensible:
            self.bit(0)
        self._constrained_whole(index, root_count)

    def choice_extension(self, index, encode):
        """CHOICE alternative number `index` (0-based) after the `...`: the
        extension bit, the index as a normally small number, then the value
        as an open type."""
        self.bit(1)
        self.normally_small(index)
        self.open_type(encode)

    def open_type(self, encode):
        """An open type: `encode` (a function taking a PerWriter, or bytes
        that already are a complete encoding) behind an unconstrained
        length."""
        if callable(encode):
            inner = PerWriter()
            encode(inner)
            data = inner.to_bytes()
        else:
            data = bytes(encode) or b"\x00"
        self.length(len(data))
        self.octets(data)

    def count(self, n, lb=0, ub=None):
        """The number of components of a SEQUENCE OF / SET OF."""
        self.length(n, lb, ub)


def encode(build):
    """Run `build(writer)` on a fresh writer; return the complete encoding."""
    w = PerWriter()
    build(w)
    return w.to_bytes()
