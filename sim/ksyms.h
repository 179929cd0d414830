/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names of the binary's functions (sim/ksyms.c), for the kernel stacks
 * of findings and logs: the ELF symbol table of /proc/self/exe, read
 * once.  No kernel types here.
 */
#ifndef FAULTSIM_SIM_KSYMS_H
#define FAULTSIM_SIM_KSYMS_H

/* The function that starts at @addr, or "?" (never NULL). */
const char *sim_ksym_name(const void *addr);

#endif
