/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H
#include <linux/init.h>
#include <linux/kernel.h>
#endif
