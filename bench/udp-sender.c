/*
 * udp-sender: times a burst of UDP sendto() calls, for bench/ruleset-bench.sh.
 *
 *   udp-sender ADDRESS FIRST_PORT PORT_COUNT PACKETS
 *
 * Sends PACKETS datagrams of 16 bytes from one unbound UDP socket to ADDRESS, the
 * destination port cycling through FIRST_PORT .. FIRST_PORT+PORT_COUNT-1, so that with
 * PORT_COUNT >= PACKETS every datagram opens a new conntrack flow (ct state new) and with
 * PORT_COUNT = 1 all but the first belong to one established flow. Prints one line:
 *
 *   WALL_NS_PER_PACKET CPU_NS_PER_PACKET SENT EPERM OTHER_ERRORS
 *
 * CPU time is this thread's (CLOCK_THREAD_CPUTIME_ID): the whole send path, netfilter
 * hooks included, runs in the sending thread's system call, and unlike wall time it leaves
 * out the time the thread waited while other processes had the CPU.
 * A datagram that the output hook drops makes sendto() fail with EPERM, so the counts say
 * what the loaded ruleset decided. Only documentation addresses (RFC 5737, RFC 3849) are
 * accepted as ADDRESS: the benchmark runs in a namespace whose only route leads into a
 * black-hole device, and this refusal keeps a typo from ever aiming it anywhere else.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_PACKETS 10000000L

static long parse_long(const char *text, long min, long max, const char *what)
{
	char *end;
	errno = 0;
	long value = strtol(text, &end, 10);
	if (errno != 0 || *text == '\0' || *end != '\0' || value < min || value > max) {
		fprintf(stderr, "udp-sender: %s must be a number from %ld to %ld, not '%s'\n", what,
			min, max, text);
		exit(2);
	}
	return value;
}

static int is_documentation_v4(const struct in_addr *a)
{
	uint32_t host = ntohl(a->s_addr);
	uint32_t net24 = host & 0xffffff00u;
	return net24 == 0xc0000200u /* 192.0.2.0/24 */ || net24 == 0xc6336400u /* 198.51.100.0/24 */
	       || net24 == 0xcb007100u /* 203.0.113.0/24 */;
}

static int is_documentation_v6(const struct in6_addr *a)
{
	/* 2001:db8::/32 */
	return a->s6_addr[0] == 0x20 && a->s6_addr[1] == 0x01 && a->s6_addr[2] == 0x0d
	       && a->s6_addr[3] == 0xb8;
}

static double now_ns(clockid_t clock)
{
	struct timespec t;
	clock_gettime(clock, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: udp-sender ADDRESS FIRST_PORT PORT_COUNT PACKETS\n");
		return 2;
	}
	long first_port = parse_long(argv[2], 1, 65535, "FIRST_PORT");
	long port_count = parse_long(argv[3], 1, 65536 - first_port, "PORT_COUNT");
	long packets = parse_long(argv[4], 1, MAX_PACKETS, "PACKETS");

	struct sockaddr_storage to;
	socklen_t to_len;
	memset(&to, 0, sizeof to);
	struct sockaddr_in *v4 = (struct sockaddr_in *)&to;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&to;
	if (inet_pton(AF_INET, argv[1], &v4->sin_addr) == 1) {
		if (!is_documentation_v4(&v4->sin_addr)) {
			fprintf(stderr, "udp-sender: %s is not a documentation address\n", argv[1]);
			return 2;
		}
		v4->sin_family = AF_INET;
		to_len = sizeof *v4;
	} else if (inet_pton(AF_INET6, argv[1], &v6->sin6_addr) == 1) {
		if (!is_documentation_v6(&v6->sin6_addr)) {
			fprintf(stderr, "udp-sender: %s is not a documentation address\n", argv[1]);
			return 2;
		}
		v6->sin6_family = AF_INET6;
		to_len = sizeof *v6;
	} else {
		fprintf(stderr, "udp-sender: cannot read address '%s'\n", argv[1]);
		return 2;
	}

	int fd = socket(to.ss_family, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("udp-sender: socket");
		return 1;
	}
	char payload[16] = "policyc-bench";
	long sent = 0, eperm = 0, other = 0;
	int first_other = 0;

	double start = now_ns(CLOCK_MONOTONIC);
	double cpu_start = now_ns(CLOCK_THREAD_CPUTIME_ID);
	for (long i = 0; i < packets; i++) {
		uint16_t port = htons((uint16_t)(first_port + i % port_count));
		if (to.ss_family == AF_INET)
			v4->sin_port = port;
		else
			v6->sin6_port = port;
		if (sendto(fd, payload, sizeof payload, 0, (struct sockaddr *)&to, to_len) >= 0) {
			sent++;
		} else if (errno == EPERM) {
			eperm++;
		} else {
			if (other++ == 0)
				first_other = errno;
		}
	}
	double cpu = now_ns(CLOCK_THREAD_CPUTIME_ID) - cpu_start;
	double elapsed = now_ns(CLOCK_MONOTONIC) - start;
	close(fd);

	if (other > 0)
		fprintf(stderr, "udp-sender: %ld sends failed otherwise, the first with: %s\n", other,
			strerror(first_other));
	printf("%.1f %.1f %ld %ld %ld\n", elapsed / (double)packets, cpu / (double)packets, sent, eperm,
	       other);
	return 0;
}
