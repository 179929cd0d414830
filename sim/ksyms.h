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
/*
 * The function that holds @addr (a program counter), with @addr's
 * offset into it and its size (0 when unknown: a shared library's), or
 * NULL.  The executable's symbol table, then the dynamic linker's.
 */
const char *sim_ksym_lookup(const void *addr, unsigned long *off,
			    unsigned long *size);

#endif
