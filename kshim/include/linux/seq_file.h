/* SPDX-License-Identifier: GPL-2.0-only */
/* Stand-in for include/linux/seq_file.h (6.12), empty: no seq files are created. */
#ifndef _KSHIM_LINUX_SEQ_FILE_H
#define _KSHIM_LINUX_SEQ_FILE_H
#endif
