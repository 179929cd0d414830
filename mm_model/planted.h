/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Planted bugs (mm_model/planted.c), for testing that faultsim finds
 * what it should.  No kernel types here: the CLI includes it.
 */
#ifndef FAULTSIM_MM_MODEL_PLANTED_H
#define FAULTSIM_MM_MODEL_PLANTED_H

/* Install the planted bug @name (NULL: none).  0, or -1 if unknown. */
int faultsim_plant(const char *name);
/* The names faultsim_plant() knows, comma-separated, for messages. */
const char *faultsim_plant_names(void);

#endif
