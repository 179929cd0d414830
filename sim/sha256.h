/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SHA-256 (FIPS 180-4): the scenario file's and the binary's identities
 * in a trace (sim/trace.h includes this).  Plain C11 + libc.
 */
#ifndef FAULTSIM_SHA256_H
#define FAULTSIM_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sim_sha256 {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t buf[64];
	uint32_t nbuf;
};
void sim_sha256_init(struct sim_sha256 *c);
void sim_sha256_update(struct sim_sha256 *c, const void *data, size_t len);
void sim_sha256_final(struct sim_sha256 *c, uint8_t digest[32]);
/* One call; @hex gets 64 lower-case hex digits and a NUL. */
void sim_sha256_hex(const void *data, size_t len, char hex[65]);
/* Of a file's bytes; -1 with "<path>: cannot ...: <errno>" in @err. */
int sim_sha256_file(const char *path, char hex[65], char *err, size_t len);

#endif /* FAULTSIM_SHA256_H */
