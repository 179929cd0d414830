// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-time registration of DAMON's Accessed-bit paddr operations set,
 * as mm/damon/paddr.c:damon_pa_initcall() (6.12) does under
 * CONFIG_DAMON_PADDR.  The upstream KUnit suite depends on it
 * (damon_test_ops_registration).  vaddr and fvaddr are modelled
 * (ops_vaddr.c), and so are the fault-based sets (ops_fault.c).
 *
 * The paddr callbacks are not modelled: calling one aborts loudly
 * instead of monitoring nothing in silence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/damon.h>
#include <linux/init.h>

static _Noreturn void unmodelled(const char *what)
{
	fprintf(stderr, "faultsim: %s is not modelled yet (DAMON %s "
			"operations); use vaddr, paddr-fault or the synthetic "
			"ops set\n",
		what, what);
	abort();
}

static _Noreturn void standin_init(struct damon_ctx *ctx)
{
	unmodelled("paddr");
}

static void standin_update(struct damon_ctx *ctx)
{
	standin_init(ctx);
}

static void standin_prepare(struct damon_ctx *ctx)
{
	standin_init(ctx);
}

static unsigned int standin_check(struct damon_ctx *ctx)
{
	standin_init(ctx);
}

static const struct damon_operations standin_ops = {
	.init = standin_init,
	.update = standin_update,
	.prepare_access_checks = standin_prepare,
	.check_accesses = standin_check,
};

#ifdef CONFIG_DAMON_PADDR
static int __init damon_pa_initcall(void)
{
	struct damon_operations ops = standin_ops;

	ops.id = DAMON_OPS_PADDR;
	return damon_register_ops(&ops);
}
subsys_initcall(damon_pa_initcall);
#endif
