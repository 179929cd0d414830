/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every oracle of a run, one table (oracles/registry.c): its name as a
 * finding and a scenario's expect.findings spell it, what it catches,
 * where it is checked, and for the machine-wide ones the check run when
 * nothing is in flight.  `faultsim list oracles` prints the table.
 */
#ifndef FAULTSIM_ORACLES_REGISTRY_H
#define FAULTSIM_ORACLES_REGISTRY_H

struct oracle {
	const char *name;
	const char *what;	/* one line */
	const char *where;	/* the file that checks it */
	/* run where the machine is quiescent; NULL: checked as it happens */
	int (*check_quiescent)(void);
};

unsigned int oracle_count(void);
const struct oracle *oracle_get(unsigned int i);	/* NULL past the end */
/* Every quiescent check, in table order; returns the findings made. */
int oracles_check_quiescent(void);

#endif
