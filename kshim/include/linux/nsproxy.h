/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/nsproxy.h (6.12), empty: namespaces are not simulated. */
#ifndef _KSHIM_LINUX_NSPROXY_H
#define _KSHIM_LINUX_NSPROXY_H
#endif
