/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/energy_model.h (6.12), empty: energy-aware scheduling is not simulated. */
