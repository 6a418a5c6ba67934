#!/usr/bin/env python3
"""Asks the Linux kernel for the verdict of flows, for policyc's kernel-oracle tests.

Python 3, standard library only. Runs as root inside a network namespace that the test made;
it sends packets only towards the addresses it is given, and the test keeps those inside the
documentation ranges, over links that end in the test's own namespaces.

Reads every flow from stdin first (the line syntax of `policyc eval`, e.g. `out tcp 192.0.2.1 80`,
`in 253 2001:db8::1`), then prints one line per flow, in order: `allow`, `deny` or
`error: WHY` (a probe that could not run; the test fails on it).

egress --src4 A --src6 B
    Run in the namespace under test. One packet per flow, sent to the flow's address; the
    output hook dropping it makes the send fail with EPERM at once (deny), a send that works
    means the hook let it through (allow). A, B: the namespace's source addresses, which
    the IPv4 TCP checksum covers. tcp: a SYN on a raw socket; udp: a datagram; icmp and
    icmpv6: an echo request; any other number: a raw packet of that protocol.

ingress --iface IF --mac MAC --dst4 A --dst6 B [--wait S] [--tries N]
    Run in the peer namespace, whose link IF is the other end of a veth pair. Sends, for each
    flow, a packet with the flow's address as SOURCE to A or B (the namespace under test,
    whose link has hardware address MAC), written whole (IP header and checksums) on a
    packet socket, and watches IF for the answer the kernel under test gives an accepted
    packet: tcp SYN -> RST (or SYN-ACK), udp -> ICMP port unreachable, echo request -> echo
    reply, other protocol -> ICMP protocol unreachable (ICMPv6 parameter problem). Each try
    uses a fresh source port, echo id or payload token, so that each packet opens a new
    connection for conntrack. All flows go out at once; a flow with no answer within S seconds
    (default 0.3) of the last send is tried again, N tries in all (default 2), so that an
    answer lost to ICMP rate limits is not taken for a drop. No answer at all: deny.
"""

import argparse
import errno
import ipaddress
import select
import socket
import struct
import sys
import time

NAMES = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58}
TCP, UDP, ICMP, ICMPV6 = 6, 17, 1, 58
TOKEN_MAGIC = b"pcyc"
FIRST_KEY = 20000  # keys double as source ports and echo ids: 20000..65535
ETH_P_ALL, ETH_P_IP, ETH_P_IPV6 = 0x0003, 0x0800, 0x86DD
IPV6_CHECKSUM = getattr(socket, "IPV6_CHECKSUM", 7)


def parse_flow(line):
    """(direction, protocol number, ip_address, port or None) of one `policyc eval` line."""
    words = line.split()
    if len(words) not in (3, 4):
        raise ValueError("expected DIRECTION PROTOCOL ADDRESS [PORT]: %r" % line)
    proto = NAMES.get(words[1])
    if proto is None:
        proto = int(words[1])
    port = int(words[3]) if len(words) == 4 else None
    if (proto in (TCP, UDP)) != (port is not None):
        raise ValueError("tcp and udp flows, and only they, have a port: %r" % line)
    return words[0], proto, ipaddress.ip_address(words[2]), port


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def pseudo_header(src, dst, proto, length):
    if src.version == 4:
        return src.packed + dst.packed + struct.pack("!BBH", 0, proto, length)
    return src.packed + dst.packed + struct.pack("!IxxxB", length, proto)


def with_checksum(segment, offset, src, dst, proto):
    """The segment with its checksum (at offset) over the pseudo-header filled in."""
    value = checksum(pseudo_header(src, dst, proto, len(segment)) + segment)
    if proto == UDP and value == 0:
        value = 0xFFFF
    return segment[:offset] + struct.pack("!H", value) + segment[offset + 2:]


def tcp_syn(sport, dport):
    return struct.pack("!HHIIBBHHH", sport, dport, 0x1000 + sport, 0, 5 << 4, 0x02, 64240, 0, 0)


def udp_datagram(sport, dport, payload):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def echo_request(version, ident, payload):
    kind = 8 if version == 4 else 128
    message = struct.pack("!BBHHH", kind, 0, 0, ident, 1) + payload
    if version == 4:  # the kernel fills in the ICMPv6 checksum, never the ICMP one
        message = message[:2] + struct.pack("!H", checksum(message)) + message[4:]
    return message


def token(key):
    return TOKEN_MAGIC + struct.pack("!I", key)


# ---------------------------------------------------------------------------------------- egress

def egress(flows, src4, src6):
    key = FIRST_KEY
    for direction, proto, address, port in flows:
        key = key + 1 if key < 65535 else FIRST_KEY
        if direction != "out":
            print("error: egress mode judges out flows only")
            continue
        try:
            send_out(proto, address, port, key, src4 if address.version == 4 else src6)
            print("allow")
        except OSError as e:
            print("deny" if e.errno == errno.EPERM else "error: %s" % e)
    sys.stdout.flush()


def send_out(proto, address, port, key, src):
    family = socket.AF_INET if address.version == 4 else socket.AF_INET6
    target = (str(address), 0) if address.version == 4 else (str(address), 0, 0, 0)
    if proto == UDP:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.sendto(token(key), target[:1] + (port,) + target[2:])
        return
    with socket.socket(family, socket.SOCK_RAW, proto) as s:
        if proto == TCP:
            segment = tcp_syn(key, port)
            if address.version == 4:
                segment = with_checksum(segment, 16, src, address, TCP)
            else:
                s.setsockopt(socket.IPPROTO_IPV6, IPV6_CHECKSUM, 16)
            s.sendto(segment, target)
        elif proto in (ICMP, ICMPV6):
            s.sendto(echo_request(address.version, key, token(key)), target)
        else:
            s.sendto(token(key), target)


# --------------------------------------------------------------------------------------- ingress

def ip_packet(src, dst, proto, payload, ident):
    if src.version == 4:
        header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, 0, 64, proto, 0,
                             src.packed, dst.packed)
        header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
        return header + payload
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), proto, 64, src.packed, dst.packed) + payload


def ingress_packet(proto, address, port, key, dst):
    if proto == TCP:
        segment = with_checksum(tcp_syn(key, port), 16, address, dst, TCP)
    elif proto == UDP:
        segment = with_checksum(udp_datagram(key, port, token(key)), 6, address, dst, UDP)
    elif proto in (ICMP, ICMPV6):
        segment = echo_request(address.version, key, token(key))
        if proto == ICMPV6:
            segment = with_checksum(segment, 2, address, dst, ICMPV6)
    else:
        segment = token(key)
    return ip_packet(address, dst, proto, segment, key)


def split_ip(packet, ethertype):
    """(version, protocol, source, destination, payload) of an IPv4 or IPv6 packet, or None."""
    try:
        if ethertype == ETH_P_IP and packet[0] >> 4 == 4:
            ihl = (packet[0] & 15) * 4
            return (4, packet[9], ipaddress.IPv4Address(packet[12:16]), ipaddress.IPv4Address(packet[16:20]),
                    packet[ihl:])
        if ethertype == ETH_P_IPV6 and packet[0] >> 4 == 6:
            return (6, packet[6], ipaddress.IPv6Address(packet[8:24]), ipaddress.IPv6Address(packet[24:40]),
                    packet[40:])
    except (IndexError, ValueError):
        pass
    return None


def answer_key(packet, ethertype):
    """(key, remote address) that an answer of the namespace under test refers to, or None."""
    parts = split_ip(packet, ethertype)
    if parts is None or len(parts[4]) < 8:
        return None
    version, proto, _, dst, payload = parts
    if proto == TCP:
        flags = payload[13] if len(payload) > 13 else 0
        if flags & 0x04 or flags & 0x12 == 0x12:  # RST, or SYN-ACK
            return struct.unpack("!H", payload[2:4])[0], dst
        return None
    if (version, proto) in ((4, ICMP), (6, ICMPV6)):
        kind = payload[0]
        if kind in (0, 129):  # echo reply
            return struct.unpack("!H", payload[4:6])[0], dst
        if (version == 4 and kind in (3, 11, 12)) or (version == 6 and kind in (1, 2, 3, 4)):
            inner = split_ip(payload[8:], ETH_P_IP if version == 4 else ETH_P_IPV6)
            if inner is None or len(inner[4]) < 8:
                return None
            _, inner_proto, inner_src, _, quoted = inner
            if inner_proto in (TCP, UDP):
                return struct.unpack("!H", quoted[0:2])[0], inner_src
            if quoted[0:4] == TOKEN_MAGIC:
                return struct.unpack("!I", quoted[4:8])[0], inner_src
    return None


def ingress(flows, iface, mac, dst4, dst6, wait, tries):
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_ALL))
    sock.bind((iface, 0))
    verdicts = ["deny"] * len(flows)
    pending = []
    for index, (direction, _, _, _) in enumerate(flows):
        if direction == "in":
            pending.append(index)
        else:
            verdicts[index] = "error: ingress mode judges in flows only"
    key = FIRST_KEY
    for _ in range(tries):
        if not pending:
            break
        waiting = {}
        for index in pending:
            _, proto, address, port = flows[index]
            if key > 65535:
                raise SystemExit("too many flows for one run: keys are 16-bit")
            waiting[key] = index
            dst = dst4 if address.version == 4 else dst6
            ethertype = ETH_P_IP if address.version == 4 else ETH_P_IPV6
            sock.sendto(ingress_packet(proto, address, port, key, dst), (iface, ethertype, 0, 0, mac))
            key += 1
        deadline = time.monotonic() + wait
        while waiting:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([sock], [], [], left)[0]:
                break
            packet, (_, ethertype, pkttype, _, _) = sock.recvfrom(65535)
            if pkttype == socket.PACKET_OUTGOING:
                continue
            found = answer_key(packet, ethertype)
            if found and found[0] in waiting and flows[waiting[found[0]]][2] == found[1]:
                verdicts[waiting.pop(found[0])] = "allow"
        pending = sorted(waiting.values())
    for verdict in verdicts:
        print(verdict)
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    out = modes.add_parser("egress")
    out.add_argument("--src4", type=ipaddress.IPv4Address, required=True)
    out.add_argument("--src6", type=ipaddress.IPv6Address, required=True)
    into = modes.add_parser("ingress")
    into.add_argument("--iface", required=True)
    into.add_argument("--mac", type=lambda text: bytes.fromhex(text.replace(":", "")), required=True)
    into.add_argument("--dst4", type=ipaddress.IPv4Address, required=True)
    into.add_argument("--dst6", type=ipaddress.IPv6Address, required=True)
    into.add_argument("--wait", type=float, default=0.3)
    into.add_argument("--tries", type=int, default=2)
    args = parser.parse_args()
    flows = [parse_flow(line) for line in sys.stdin if line.strip()]
    if args.mode == "egress":
        egress(flows, args.src4, args.src6)
    else:
        ingress(flows, args.iface, args.mac, args.dst4, args.dst6, args.wait, args.tries)


if __name__ == "__main__":
    main()
