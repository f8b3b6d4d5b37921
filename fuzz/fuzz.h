/* fuzz.h
 * What the libFuzzer harnesses share (fuzz/README.md).
 *
 * Each harness feeds one pure parser of plugin/ the bytes libFuzzer gives
 * it, the way the plugin does (a buffer of exactly that length, or a
 * NUL-terminated string where the plugin passes one), and checks what the
 * parser promises of its result: an out-of-bounds access is found by
 * AddressSanitizer, undefined behaviour by UBSan, a broken promise by
 * FUZZ_CHECK.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef PEXIP_FUZZ_H
#define PEXIP_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A promise of the parser that does not hold: report it and stop (a
 * crash, for libFuzzer, which keeps the input). */
#define FUZZ_CHECK(cond)                                                          \
    do {                                                                          \
        if (!(cond)) {                                                            \
            fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                       \
            abort();                                                              \
        }                                                                         \
    } while (0)

/* The input as a NUL-terminated string in a buffer of exactly its length
 * plus one (an embedded NUL ends the string early, as it would in the
 * plugin's strings). free() it. */
static inline char *
fuzz_string(const uint8_t *data, size_t size)
{
    char *text = (char *)malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    return text;
}

/* A char array field is NUL-terminated within its size. */
#define FUZZ_CHECK_TERMINATED(array) FUZZ_CHECK(memchr((array), '\0', sizeof(array)) != NULL)

/* [start, start + len) lies within [base, base + size). */
#define FUZZ_CHECK_INSIDE(start, len, base, size)                              \
    FUZZ_CHECK((const char *)(start) >= (const char *)(base) &&                \
               (const char *)(start) + (len) <= (const char *)(base) + (size))

#endif /* PEXIP_FUZZ_H */
