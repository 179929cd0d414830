// SPDX-License-Identifier: GPL-2.0-only
/*
 * faultsim --dump-options man|bash: the man page faultsim.1 and the bash
 * completion, written from the option tables (app/cli_options.c) and
 * this build's names (kconfigs, designs, built-in scenarios).  The build
 * runs it (app/CMakeLists.txt), so neither can drift from the code.
 */
#include <stdio.h>
#include <string.h>
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_options.h"

/* roff text: backslashes and dashes escaped, no request at line start */
static void man_text(FILE *f, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
	}
}

/* ".TP" and "\fB--seed\fR \fIS\fR", then its help */
static void man_option(FILE *f, const struct cli_option *o)
{
	char label[300], help[2600], *val;

	cli_opt_label(o, true, label, sizeof(label));
	val = strchr(label, ' ');
	if (val && label[1] != '-')	/* "-o, --out OUT" */
		val = strchr(val + 1, ' ');
	if (val)
		*val++ = '\0';
	fputs(".TP\n\\fB", f);
	man_text(f, label);
	fputs("\\fR", f);
	if (val) {
		fputs(" \\fI", f);
		man_text(f, val);
		fputs("\\fR", f);
	}
	fputc('\n', f);
	cli_opt_help(o, help, sizeof(help));
	man_text(f, help);
	fputs(".\n", f);
}

static void man_options(FILE *f, const struct cli_command *cmd)
{
	const struct cli_option *o;

	for (o = cmd->opts; o->name; o++)
		if (!(o->flags & CLI_OPT_HIDDEN))
			man_option(f, o);
}

static void man_command(FILE *f, const struct cli_command *cmd)
{
	char syn[2048];

	cli_synopsis(cmd, syn, sizeof(syn));
	fprintf(f, ".SS %s\n.B faultsim\n", cmd->name);
	man_text(f, syn);
	fputs("\n.PP\n", f);
	man_text(f, cmd->summary);
	fputs(".\n", f);
	man_options(f, cmd);
	fputs(".PP\nExample:\n.PP\n.RS\n.nf\n", f);
	man_text(f, cmd->example);
	fputs("\n.fi\n.RE\n", f);
}

static void dump_man(FILE *f)
{
	const struct cli_command *c;
	char syn[2048];

	fputs(".\\\" Written by `faultsim --dump-options man` from "
	      "app/cli_options.c; do not edit.\n", f);
	fprintf(f, ".TH FAULTSIM 1 \"\" \"faultsim %s\" \"User Commands\"\n",
		FAULTSIM_VERSION);
	fputs(".SH NAME\nfaultsim \\- a kernel-matching simulator of the "
	      "Linux page-fault path\n.SH SYNOPSIS\n", f);
	cli_synopsis(&cli_main_command, syn, sizeof(syn));
	fputs(".B faultsim\n", f);
	man_text(f, syn + strlen("faultsim "));
	fputs("\n.SH DESCRIPTION\n", f);
	man_text(f, cli_main_command.summary);
	fputs("\n.PP\nEach kernel config is a binary of its own: "
	      "\\fB\\-\\-kconfig\\fR \\fIK\\fR runs the command in "
	      "\\fBfaultsim\\-\\fR\\fIK\\fR (KUnit: "
	      "\\fBfaultsim\\-kunit\\-\\fR\\fIK\\fR), next to faultsim.\n"
	      ".SH OPTIONS\n", f);
	man_options(f, &cli_main_command);
	fputs(".SH COMMANDS\n", f);
	for (c = cli_commands; c->name; c++)
		man_command(f, c);
	fputs(".SH FILES\n.TP\n.I ../share/faultsim/scenarios\n"
	      "The built-in scenarios (\\fBfaultsim list scenarios\\fR) and, "
	      "in \\fImatrix/\\fR, the matrix's families, relative to the "
	      "directory of the binary; a scenario runs by its name.\n"
	      ".SH \"EXIT STATUS\"\n0 success, 1 a finding or a failed test, "
	      "2 bad usage or input (with a one-line error).\n"
	      ".SH \"SEE ALSO\"\ndocs/scenarios.md, docs/traces.md and "
	      "docs/designs.md in the faultsim source tree.\n", f);
}

/* @values for completion: words, "@file", "@dir"; "" if free-form */
static const char *completion_values(const char *values)
{
	const char *v = cli_values(values, true);

	return v ? v : "";
}

/* _faultsim_values CMD OPT: what OPT takes; fails for a flag */
static void bash_values(FILE *f)
{
	const struct cli_command *c = &cli_main_command;
	const struct cli_option *o;

	fputs("_faultsim_values()\n{\n\tcase \"$1 $2\" in\n", f);
	for (; c->name; c = c == &cli_main_command ? cli_commands : c + 1) {
		const char *name = c == &cli_main_command ? "" : c->name;

		for (o = c->opts; o->name; o++) {
			if (!cli_opt_takes_value(o) ||
			    (o->flags & CLI_OPT_HIDDEN))
				continue;
			fprintf(f, "\t'%s --%s'", name, o->name);
			if (o->id < 128)
				fprintf(f, "|'%s -%c'", name, o->id);
			fprintf(f, ") echo '%s%s' ;;\n",
				o->flags & CLI_OPT_LIST ? "@list " : "",
				completion_values(o->values));
		}
	}
	fputs("\t*) return 1 ;;\n\tesac\n}\n\n", f);
}

/* _faultsim_words CMD: its options, then "|", then its operands */
static void bash_words(FILE *f)
{
	const struct cli_command *c = &cli_main_command;
	const struct cli_option *o;

	fputs("_faultsim_words()\n{\n\tcase $1 in\n", f);
	for (; c->name; c = c == &cli_main_command ? cli_commands : c + 1) {
		fprintf(f, "\t'%s') echo '", c == &cli_main_command ? "" :
			c->name);
		for (o = c->opts; o->name; o++)
			if (!(o->flags & CLI_OPT_HIDDEN))
				fprintf(f, "--%s ", o->name);
		fprintf(f, "| %s' ;;\n", c == &cli_main_command ? "" :
			completion_values(c->operand_values));
	}
	fputs("\tesac\n}\n\n", f);
}

static const char bash_main[] =
	"# _faultsim_reply WORDS CUR [PREFIX]: COMPREPLY from WORDS (@file,\n"
	"# @dir: names on disk; @list: CUR is a comma-separated list)\n"
	"_faultsim_reply()\n"
	"{\n"
	"\tlocal w cur=$2 prefix=${3-} words=()\n"
	"\tfor w in $1; do\n"
	"\t\tcase $w in\n"
	"\t\t@list) prefix=$prefix${cur%${cur##*,}}; cur=${cur##*,} ;;\n"
	"\t\t@file) compopt -o filenames 2>/dev/null\n"
	"\t\t\tCOMPREPLY+=($(compgen -f -- \"$cur\")) ;;\n"
	"\t\t@dir) compopt -o filenames 2>/dev/null\n"
	"\t\t\tCOMPREPLY+=($(compgen -d -- \"$cur\")) ;;\n"
	"\t\t*) words+=(\"$w\") ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\tCOMPREPLY+=($(compgen -P \"$prefix\" -W \"${words[*]}\" -- "
	"\"$cur\"))\n"
	"}\n"
	"\n"
	"_faultsim()\n"
	"{\n"
	"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev= opt cmd= i w vals\n"
	"\t((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
	"\tCOMPREPLY=()\n"
	"\t# the command: the first word not an option nor its value\n"
	"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	"\t\tw=${COMP_WORDS[i]}\n"
	"\t\tif [[ $w != -* ]]; then\n"
	"\t\t\tcmd=$w\n"
	"\t\t\tbreak\n"
	"\t\tfi\n"
	"\t\t[[ $w != *=* ]] && _faultsim_values '' \"$w\" >/dev/null &&\n"
	"\t\t\t((i++))\n"
	"\tdone\n"
	"\t# --opt=VALUE: one word, or three where COMP_WORDBREAKS has '='\n"
	"\tif [[ $cur == --*=* ]]; then\n"
	"\t\tvals=$(_faultsim_values \"$cmd\" \"${cur%%=*}\") &&\n"
	"\t\t\t_faultsim_reply \"$vals\" \"${cur#*=}\" \"${cur%%=*}=\"\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\topt=$prev\n"
	"\tif [[ $cur == = ]]; then\n"
	"\t\tcur=\n"
	"\telif [[ $prev == = ]] && ((COMP_CWORD > 1)); then\n"
	"\t\topt=${COMP_WORDS[COMP_CWORD - 2]}\n"
	"\tfi\n"
	"\tif [[ $opt == -* ]] && vals=$(_faultsim_values \"$cmd\" \"$opt\"); "
	"then\n"
	"\t\t_faultsim_reply \"$vals\" \"$cur\"\n"
	"\t\treturn 0\n"
	"\tfi\n"
	"\tvals=$(_faultsim_words \"$cmd\")\n"
	"\tif [[ $cur == -* ]]; then\n"
	"\t\t_faultsim_reply \"${vals%%|*}\" \"$cur\"\n"
	"\telif [[ -z $cmd ]]; then\n"
	"\t\t_faultsim_reply \"$_faultsim_commands\" \"$cur\"\n"
	"\telse\n"
	"\t\t_faultsim_reply \"${vals#*|}\" \"$cur\"\n"
	"\tfi\n"
	"\treturn 0\n"
	"}\n";

static void dump_bash(FILE *f)
{
	const struct cli_command *c;
	const char *k;
	int n;

	fputs("# bash completion for faultsim: written by `faultsim "
	      "--dump-options bash`\n# from app/cli_options.c; do not edit."
	      "\n\n_faultsim_commands='help", f);
	for (c = cli_commands; c->name; c++)
		fprintf(f, " %s", c->name);
	fputs("'\n\n", f);
	bash_values(f);
	bash_words(f);
	fputs(bash_main, f);
	/* the sibling binaries take what faultsim takes */
	fputs("\ncomplete -F _faultsim faultsim", f);
	for (k = FAULTSIM_KCONFIGS; *k; k += n + strspn(k + n, " ")) {
		n = (int)strcspn(k, " ");
		if (strncmp(k, FAULTSIM_KCONFIG, n) || FAULTSIM_KCONFIG[n])
			fprintf(f, " faultsim-%.*s", n, k);
	}
	fputc('\n', f);
}

int cli_dump_options(const char *format, FILE *f)
{
	if (!strcmp(format, "man"))
		dump_man(f);
	else
		dump_bash(f);
	return fflush(f) ? EXIT_USAGE : EXIT_OK;
}
