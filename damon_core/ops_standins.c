// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot-time registration of DAMON's operations sets, as the initcalls of
 * mm/damon/vaddr.c:damon_va_initcall() and mm/damon/paddr.c:
 * damon_pa_initcall() (6.12) do under CONFIG_DAMON_VADDR/PADDR.  The
 * upstream KUnit suite depends on these registrations
 * (damon_test_ops_registration).
 *
 * The callbacks are not modelled yet: vaddr.c and paddr.c come with the
 * DAMON fault-reporting work.  Until then calling one aborts loudly
 * instead of monitoring nothing in silence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/damon.h>
#include <linux/init.h>

static _Noreturn void unmodelled(const char *what)
{
	fprintf(stderr, "faultsim: %s is not modelled yet (DAMON %s "
			"operations); use the synthetic ops set\n",
		what, what);
	abort();
}

static _Noreturn void standin_init(struct damon_ctx *ctx)
{
	unmodelled(ctx->ops.id == DAMON_OPS_PADDR ? "paddr" : "vaddr");
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

#ifdef CONFIG_DAMON_VADDR
static int __init damon_va_initcall(void)
{
	struct damon_operations ops = standin_ops;
	int err;

	ops.id = DAMON_OPS_VADDR;
	err = damon_register_ops(&ops);
	if (err)
		return err;
	ops.id = DAMON_OPS_FVADDR;
	return damon_register_ops(&ops);
}
subsys_initcall(damon_va_initcall);
#endif

#ifdef CONFIG_DAMON_PADDR
static int __init damon_pa_initcall(void)
{
	struct damon_operations ops = standin_ops;

	ops.id = DAMON_OPS_PADDR;
	return damon_register_ops(&ops);
}
subsys_initcall(damon_pa_initcall);
#endif
