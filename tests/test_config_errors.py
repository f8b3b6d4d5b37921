"""Bad configuration gets a clear error that names the bad row or
preference, and loses nothing else."""
import os

from conftest import uat_row


def test_bad_row_on_the_command_line_is_refused_by_name(tshark):
    rc, out, err = tshark.run(["-r", tshark.capture("foundation-ports.pcap"),
                               "-o", uat_row("10.0.0.300/8", "typo"),
                               "-o", uat_row("192.0.2.0/24", "good")], check=False)
    assert rc != 0
    assert ('pexip_service_ranges:1: "10.0.0.300/8" is not a valid prefix: not an IPv4 address'
            in err)


def test_bad_row_in_the_profile_is_named_and_the_others_still_work(tshark):
    config = os.path.join(tshark.box.home, ".config", "wireshark")
    os.makedirs(config, exist_ok=True)
    table = os.path.join(config, "pexip_service_ranges")
    with open(table, "w") as f:
        f.write('"192.0.2.0/24","lab A"\n'
                '"185.94.242.66/22","host bits set"\n'
                '"198.51.100.0/24","lab B"\n')
    try:
        for path in (os.path.join(tshark.box.home, ".config"), config):
            os.chmod(path, 0o755)
        os.chmod(table, 0o644)
        rc, out, err = tshark.run(["-r", tshark.capture("foundation-ports.pcap"), "-T", "fields",
                                   "-e", "frame.number", "-e", "pexip.range_label",
                                   "-Y", "frame.number in {1,29}"])
        assert rc == 0
        assert ("pexip_service_ranges:2: \"185.94.242.66/22\" is not a valid prefix: "
                "host bits are set after the prefix length") in err
        # rows 1 and 3 are used, next to the defaults
        assert out.splitlines() == [
            "1\tlab B,Pexip Service H.323/SIP IVR",   # source (the SBC) first
            "29\tlab A,lab A",
        ]
        with open(table) as f:
            assert "185.94.242.66/22" in f.read(), "the user's row must not be dropped from the file"
    finally:
        os.remove(table)


def test_bad_dns_suffix_is_named_and_the_good_ones_kept(tshark):
    rc, out, err = tshark.run(["-r", tshark.capture("foundation-dns.pcap"), "-T", "fields",
                               "-e", "frame.number", "-Y", "pexip",
                               "-o", "pexip.dns_suffixes:pexip.me, bad!name"])
    assert rc == 0
    assert ('preference pexip.dns_suffixes: "bad!name" is not a domain name '
            '(expected e.g. pexip.me or *.vmr.vc) and left out') in err
    assert out.split() == ["2", "3", "4", "5", "6"]


def test_bad_port_range_preference_is_refused_by_name(tshark):
    rc, _, err = tshark.run(["-r", tshark.capture("foundation-ports.pcap"),
                             "-o", "pexip.service_media_ports:40000-99999"], check=False)
    assert rc != 0
    assert "pexip.service_media_ports" in err
