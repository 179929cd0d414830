/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The outputs of a scenario's DAMON session (docs/outputs.md): its
 * aggregations as a damo record, and as a picture beside the ground
 * truth the MMU recorded (damon_core/sim_damon.h).
 */
#ifndef FAULTSIM_APP_DAMON_SESSION_H
#define FAULTSIM_APP_DAMON_SESSION_H

/* Before a run: 0, or EXIT_USAGE after one line (no DAMON in the build) */
int damon_session_prepare(const char *damo_record, const char *heatmap);
/*
 * After it, the last session's aggregations to @damo_record and
 * @heatmap (either may be NULL); @design names the picture.  0, or
 * EXIT_USAGE after one line.
 */
int damon_session_write(const char *damo_record, const char *heatmap,
			const char *scenario, const char *design);

#endif
