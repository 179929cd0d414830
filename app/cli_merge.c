// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim merge FILE... [--out DIR]: the shards' result files read and
 * checked (app/cli_results.c) and handed to their command's merge.
 */
#include <stdlib.h>
#include <string.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"
#include "app/cli_results.h"
#include "sim/sched.h"

struct merge_args {
	char **paths;
	int nr;
	const char *out;
};

static int merge_opt(void *ctx, const struct cli_option *opt,
		     const char *val)
{
	struct merge_args *a = ctx;

	if (opt)	/* --out */
		return cli_opt_str(opt, val, &a->out);
	a->paths[a->nr++] = (char *)val;
	return EXIT_OK;
}

/* faultsim merge FILE... [--out DIR]: the report of the whole */
int cli_merge(int argc, char **argv)
{
	struct merge_args a = { calloc(argc, sizeof(char *)), 0, NULL };
	json_object **files;
	int ret, i;

	if (!a.paths)
		sim_out_of_memory("the result files");
	ret = cli_parse(cli_command_find("merge"), argc, argv, merge_opt, &a);
	if (ret)
		goto out;
	if (!a.nr) {
		ret = cli_usage(cli_command_find("merge"));
		goto out;
	}
	files = calloc(a.nr, sizeof(*files));
	if (!files)
		sim_out_of_memory("the result files");
	ret = results_read_all(a.nr, a.paths, files);
	if (!ret) {
		const char *cmd = results_str(files[0], "command");

		if (!strcmp(cmd, "run") && a.out)
			ret = cli_usage_error("merge: --out is for matrix "
					      "results; a run's shards wrote "
					      "their traces");
		else if (!strcmp(cmd, "run"))
			ret = cli_run_merge(a.nr, files);
		else if (!strcmp(cmd, "matrix"))
			ret = cli_matrix_merge(a.nr, files, a.out);
		else
			ret = cli_usage_error("merge: %s: unknown command "
					      "'%s'", a.paths[0], cmd);
		for (i = 0; i < a.nr; i++)
			json_object_put(files[i]);
	}
	free(files);
out:
	free(a.paths);
	return ret;
}
