/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_run's features beyond line coverage (fuzz_run_features.c). */
#ifndef FAULTSIM_FUZZ_RUN_FEATURES_H
#define FAULTSIM_FUZZ_RUN_FEATURES_H

#include "sim/sched.h"

void fuzz_run_features_begin(void);
/* a sim_bytes_observe_fn: every real scheduling choice */
void fuzz_run_feature_choice(void *priv, enum sim_point_kind kind, int nr,
			     int current, int pick);
/* the run's report: its vmstat deltas and findings */
void fuzz_run_feature_report(const char *report);
/* a pt_transition_fn: each page-table store's (old -> new) class */
void fuzz_run_feature_pt(unsigned int old_class, unsigned int new_class);
/* tests: how many extra counters are non-zero (what libFuzzer sees) */
size_t fuzz_run_features_nonzero(void);

#endif
