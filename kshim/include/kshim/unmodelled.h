/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loud stand-ins: a kernel function the extracted code can call but the
 * model does not provide yet calls kshim_unmodelled("name"), which prints
 * "faultsim: <name> is not modelled (kernel path not covered)" and
 * aborts (mm_model/mm/unmodelled.c).  Never a plausible made-up result.
 */
#ifndef _KSHIM_UNMODELLED_H
#define _KSHIM_UNMODELLED_H

__attribute__((noreturn, cold)) void kshim_unmodelled(const char *what);

#endif
