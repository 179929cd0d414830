/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Planted bugs (designs/planted.c), for testing that faultsim finds
 * what it should.  No kernel types here: the CLI includes it.
 */
#ifndef FAULTSIM_MM_MODEL_PLANTED_H
#define FAULTSIM_MM_MODEL_PLANTED_H

#include <stdbool.h>

/* How `faultsim list designs` names a planted bug: "plant:NAME" */
#define FAULTSIM_PLANT_PREFIX "plant:"

/* Install the planted bug @name (NULL: none).  0, or -1 if unknown. */
int faultsim_plant(const char *name);
bool faultsim_plant_known(const char *name);
/* The name of planted bug @i (0, 1, ...); NULL past the last. */
const char *faultsim_plant_name(unsigned int i);

#endif
