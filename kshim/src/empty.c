/* SPDX-License-Identifier: GPL-2.0-only */
/* A kernel variant with no kernel code to build yet. */
static int kshim_empty_unit __attribute__((unused));
