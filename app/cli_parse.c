// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parser and --help of the command line, both from the option tables
 * (app/cli_options.c): getopt_long with opterr off and our own one-line
 * errors, exit 2.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/cli_args.h"
#include "app/cli_options.h"
#include <asm/kshim_arch.h>

#define HELP_WIDTH 79
#define HELP_COLUMN 26	/* where an option's help starts */

/* What one step of a scan found */
enum scan_event {
	SCAN_END,
	SCAN_OPTION,	/* an option, with its value if it takes one */
	SCAN_OPERAND,
	SCAN_MISSING,	/* an option whose value is missing */
	SCAN_NO_VALUE,	/* --flag=value */
	SCAN_UNKNOWN,
};

struct scan {
	const struct cli_command *cmd;
	int argc;
	char **argv;
	bool stop_at_operand;	/* faultsim's own options end at the command */
	bool operands;		/* past "--": argv[optind...] */
	struct option lo[CLI_MAX_OPTS + 1];
	char shorts[2 * CLI_MAX_OPTS + 3];
	char unknown[3];	/* "-x" */
};

static const char *(*resolver)(const char *name);

void cli_set_resolver(const char *(*fn)(const char *name))
{
	resolver = fn;
}

bool cli_opt_takes_value(const struct cli_option *opt)
{
	return opt->metavar || opt->values;
}

const struct cli_option *cli_option_find(const struct cli_command *cmd,
					 int id)
{
	const struct cli_option *o;

	for (o = cmd->opts; o->name; o++)
		if (o->id == id)
			return o;
	return NULL;
}

/*
 * getopt_long's tables for @cmd.  "-" returns the operands in order, so
 * argv is never permuted (a sibling binary gets the line as typed); "+"
 * (faultsim's own options) stops at the first operand, the command; ":"
 * reports a missing value.
 */
static void scan_start(struct scan *s, const struct cli_command *cmd,
		       int argc, char **argv)
{
	const struct cli_option *o;
	char *p = s->shorts;
	int n = 0;

	*s = (struct scan){ .cmd = cmd, .argc = argc, .argv = argv,
			    .stop_at_operand = cmd == &cli_main_command };
	*p++ = s->stop_at_operand ? '+' : '-';
	*p++ = ':';
	for (o = cmd->opts; o->name; o++, n++) {
		int arg;

		/* a command's options past the table would go unparsed */
		if (n >= CLI_MAX_OPTS) {
			fprintf(stderr, "faultsim: %s has more than "
				"CLI_MAX_OPTS options\n", cmd->name);
			abort();
		}
		arg = cli_opt_takes_value(o) ? required_argument : no_argument;

		s->lo[n] = (struct option){ o->name, arg, NULL, o->id };
		if (o->id < 128) {
			*p++ = (char)o->id;
			if (arg == required_argument)
				*p++ = ':';
		}
	}
	*p = '\0';
	optind = 0;	/* glibc: start afresh */
	opterr = 0;	/* our own one-line errors */
}

/* '?' from getopt_long: an unknown option, or a value for a flag */
static enum scan_event scan_bad(struct scan *s, const struct cli_option **opt,
				const char **val)
{
	*opt = optopt ? cli_option_find(s->cmd, optopt) : NULL;
	if (*opt)
		return SCAN_NO_VALUE;
	if (optopt) {
		snprintf(s->unknown, sizeof(s->unknown), "-%c", optopt);
		*val = s->unknown;
	} else {
		*val = s->argv[optind - 1];
	}
	return SCAN_UNKNOWN;
}

static enum scan_event scan_next(struct scan *s, const struct cli_option **opt,
				 const char **val)
{
	int c;

	*opt = NULL;
	*val = NULL;
	if (s->operands) {
		if (optind >= s->argc)
			return SCAN_END;
		*val = s->argv[optind++];
		return SCAN_OPERAND;
	}
	c = getopt_long(s->argc, s->argv, s->shorts, s->lo, NULL);
	switch (c) {
	case -1:
		if (s->stop_at_operand)
			return SCAN_END;
		s->operands = true;	/* what follows "--" */
		return scan_next(s, opt, val);
	case 1:
		*val = optarg;
		return SCAN_OPERAND;
	case ':':
		*opt = cli_option_find(s->cmd, optopt);
		return SCAN_MISSING;
	case '?':
		return scan_bad(s, opt, val);
	}
	*opt = cli_option_find(s->cmd, c);
	*val = optarg;
	return SCAN_OPTION;
}

const char *cli_find_option(const struct cli_command *cmd, int argc,
			    char **argv, int id)
{
	const struct cli_option *opt;
	const char *val, *found = NULL;
	enum scan_event ev;
	struct scan s;

	scan_start(&s, cmd, argc, argv);
	while ((ev = scan_next(&s, &opt, &val)) != SCAN_END) {
		if ((ev == SCAN_OPTION || ev == SCAN_MISSING) && opt &&
		    opt->id == id)
			found = val ? val : "";
	}
	return found;
}

/* --help anywhere among the options wins over any error */
static bool wants_help(const struct cli_command *cmd, int argc, char **argv)
{
	return cli_find_option(cmd, argc, argv, OPT_HELP);
}

/* "--p" (or "--p=x") begins the names of more than one option */
static bool ambiguous(const struct cli_command *cmd, const char *arg)
{
	size_t n = strcspn(arg + 2, "=");
	const struct cli_option *o;
	int hits = 0;

	if (strncmp(arg, "--", 2))
		return false;
	for (o = cmd->opts; o->name; o++)
		hits += !strncmp(o->name, arg + 2, n);
	return hits > 1;
}

static int scan_error(const struct cli_command *cmd, enum scan_event ev,
		      const struct cli_option *opt, const char *val)
{
	bool top = cmd == &cli_main_command;
	const char *name = top ? "" : cmd->name, *colon = top ? "" : ": ";

	if (ev == SCAN_NO_VALUE)
		return cli_usage_error("%s%s--%s takes no value", name, colon,
				       opt->name);
	return cli_usage_error("%s%s%s option '%s' (see faultsim %s%s--help)",
			       name, colon, ambiguous(cmd, val) ? "ambiguous" :
			       "unknown", val, name, top ? "" : " ");
}

static int parse(const struct cli_command *cmd, int argc, char **argv,
		 cli_opt_fn fn, void *ctx, int *end)
{
	const struct cli_option *opt;
	enum scan_event ev;
	const char *val;
	struct scan s;
	int ret;

	if (wants_help(cmd, argc, argv)) {
		if (cmd == &cli_main_command)
			cli_print_usage(stdout);
		else
			cli_print_help(cmd, stdout);
		return CLI_HELP_SHOWN;
	}
	scan_start(&s, cmd, argc, argv);
	while ((ev = scan_next(&s, &opt, &val)) != SCAN_END) {
		if (ev == SCAN_UNKNOWN || ev == SCAN_NO_VALUE)
			return scan_error(cmd, ev, opt, val);
		if (opt && opt->id == OPT_HELP)
			continue;	/* cannot be: wants_help() */
		ret = fn(ctx, opt, val);
		if (ret)
			return ret;
	}
	if (end)
		*end = optind;
	return EXIT_OK;
}

int cli_parse(const struct cli_command *cmd, int argc, char **argv,
	      cli_opt_fn fn, void *ctx)
{
	return parse(cmd, argc, argv, fn, ctx, NULL);
}

int cli_parse_main(int argc, char **argv, cli_opt_fn fn, void *ctx,
		   int *cmd_index)
{
	return parse(&cli_main_command, argc, argv, fn, ctx, cmd_index);
}

const char *cli_values(const char *values, bool keep_unresolved)
{
	static char buf[4096];
	const char *p = values;
	size_t n = 0;

	if (!values || !strchr(values, '@'))
		return values;
	while (*p) {
		int len = (int)strcspn(p, " ");
		char word[64];
		const char *r = NULL;

		snprintf(word, sizeof(word), "%.*s", len, p);
		if (word[0] == '@' && resolver)
			r = resolver(word);
		if (!r && (word[0] != '@' || keep_unresolved))
			r = word;
		if (r && *r && n < sizeof(buf))
			n += snprintf(buf + n, sizeof(buf) - n, "%s%s",
				      n ? " " : "", r);
		p += len + strspn(p + len, " ");
	}
	return n ? buf : NULL;
}

bool cli_value_ok(const struct cli_option *opt, const char *val)
{
	const char *values = cli_values(opt->values, false);

	return val && values && cli_word_in(val, values);
}

void cli_join_words(const char *words, const char *sep, char *buf,
		    size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	while (*words && n < len) {
		int w = (int)strcspn(words, " ");

		n += snprintf(buf + n, len - n, "%s%.*s", n ? sep : "", w,
			      words);
		words += w + strspn(words + w, " ");
	}
}

int cli_bad_value(const struct cli_option *opt)
{
	const char *values = cli_values(opt->values, false);
	char buf[2048];

	if (opt->needs || !values)
		return cli_usage_error("--%s needs %s", opt->name,
				       opt->needs ? opt->needs : "a value");
	cli_join_words(values, ", ", buf, sizeof(buf));
	return cli_usage_error("--%s needs one of %s", opt->name, buf);
}

int cli_opt_arch(const struct cli_option *opt, const char *val, int *out)
{
	enum kshim_arch arch;

	if (!val)
		return cli_bad_value(opt);
	if (kshim_arch_parse(val, &arch))
		return cli_usage_error("--%s: unknown arch '%s' (x86_64 or "
				       "arm64)", opt->name, val);
	*out = arch;
	return EXIT_OK;
}

int cli_opt_u64(const struct cli_option *opt, const char *val, uint64_t min,
		uint64_t max, uint64_t *out)
{
	return cli_parse_u64(val, min, max, out) ? EXIT_OK : cli_bad_value(opt);
}

int cli_opt_str(const struct cli_option *opt, const char *val,
		const char **out)
{
	if (!val)
		return cli_bad_value(opt);
	*out = val;
	return EXIT_OK;
}

/* " S": an option's value after its name, its metavar or "a|b|c" */
static void value_suffix(const struct cli_option *opt, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!cli_opt_takes_value(opt))
		return;
	buf[0] = ' ';
	if (opt->metavar)
		snprintf(buf + 1, len - 1, "%s", opt->metavar);
	else
		cli_join_words(opt->values, "|", buf + 1, len - 1);
}

void cli_opt_label(const struct cli_option *opt, bool with_short, char *buf,
		   size_t len)
{
	char val[256];
	int n = 0;

	value_suffix(opt, val, sizeof(val));
	if (with_short && opt->id < 128)
		n = snprintf(buf, len, "-%c, ", opt->id);
	snprintf(buf + n, len - n, "--%s%s", opt->name, val);
}

/* " [--seed S]", or " -o OUT" for a required option */
static size_t synopsis_opt(const struct cli_option *opt, char *buf,
			   size_t len)
{
	bool req = opt->flags & CLI_OPT_REQUIRED;
	char name[128], val[256];

	if (opt->id < 128)
		snprintf(name, sizeof(name), "-%c", opt->id);
	else
		snprintf(name, sizeof(name), "--%s", opt->name);
	value_suffix(opt, val, sizeof(val));
	return snprintf(buf, len, " %s%s%s%s", req ? "" : "[", name, val,
			req ? "" : "]");
}

/*
 * "run SCENARIO [--kconfig K] ...": an optional operand ("[GLOB]") goes
 * last, and so does faultsim's own, the command.
 */
void cli_synopsis(const struct cli_command *cmd, char *buf, size_t len)
{
	const char *operand = cmd->operand ? cmd->operand : "";
	bool last = operand[0] == '[' || cmd == &cli_main_command;
	const struct cli_option *o;
	size_t n;

	n = snprintf(buf, len, "%s%s%s", cmd->name, *operand && !last ?
		     " " : "", last ? "" : operand);
	for (o = cmd->opts; o->name && n < len; o++)
		if (o->id != OPT_HELP && !(o->flags & CLI_OPT_HIDDEN))
			n += synopsis_opt(o, buf + n, len - n);
	if (*operand && last && n < len)
		snprintf(buf + n, len - n, " %s", operand);
}

int cli_usage(const struct cli_command *cmd)
{
	char syn[2048];

	cli_synopsis(cmd, syn, sizeof(syn));
	return cli_usage_error("usage: faultsim %s", syn);
}

/*
 * @text from column @col on, wrapped at HELP_WIDTH with its next lines
 * at @indent; breaks only at spaces outside brackets, so "[--seed S]"
 * stays on one line.  The caller puts what goes before its first word.
 */
static void put_wrapped(FILE *f, const char *text, int col, int indent)
{
	const char *p = text + strspn(text, " ");
	bool first = true;

	while (*p) {
		const char *w = p;
		int depth = 0, n;

		for (; *w && (*w != ' ' || depth > 0); w++)
			depth += (*w == '[') - (*w == ']');
		n = (int)(w - p);
		if (!first && col + 1 + n > HELP_WIDTH) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, n, f);
		col += n;
		first = false;
		p = w + strspn(w, " ");
	}
	fputc('\n', f);
}

void cli_opt_help(const struct cli_option *opt, char *buf, size_t len)
{
	const char *values = cli_values(opt->values, false);
	char words[2048];

	if (!values || !opt->metavar) {
		snprintf(buf, len, "%s", opt->help);
		return;
	}
	cli_join_words(values, ", ", words, sizeof(words));
	snprintf(buf, len, "%s; %s: %s", opt->help,
		 opt->flags & CLI_OPT_LIST ? "any of" : "one of", words);
}

static void print_options(const struct cli_command *cmd, FILE *f)
{
	const struct cli_option *o;
	char label[300], help[2600];

	fputs("\noptions:\n", f);
	for (o = cmd->opts; o->name; o++) {
		int n;

		if (o->flags & CLI_OPT_HIDDEN)
			continue;
		cli_opt_label(o, true, label, sizeof(label));
		n = fprintf(f, "  %s", label);
		if (n + 2 > HELP_COLUMN) {
			fputc('\n', f);
			n = 0;
		}
		fprintf(f, "%*s", HELP_COLUMN - n, "");
		cli_opt_help(o, help, sizeof(help));
		put_wrapped(f, help, HELP_COLUMN, HELP_COLUMN);
	}
}

void cli_print_help(const struct cli_command *cmd, FILE *f)
{
	char syn[2048];

	cli_synopsis(cmd, syn, sizeof(syn));
	fputs("usage: faultsim ", f);
	put_wrapped(f, syn, 16, 8);
	fputc('\n', f);
	put_wrapped(f, cmd->summary, 0, 0);
	print_options(cmd, f);
	fprintf(f, "\nexample:\n  %s\n", cmd->example);
}

void cli_print_usage(FILE *f)
{
	const struct cli_command *c;
	char syn[2048];

	cli_synopsis(&cli_main_command, syn, sizeof(syn));
	fputs("usage: ", f);
	put_wrapped(f, syn, 7, 8);
	fputc('\n', f);
	put_wrapped(f, cli_main_command.summary, 0, 0);
	fputs("\ncommands:\n", f);
	for (c = cli_commands; c->name; c++) {
		cli_synopsis(c, syn, sizeof(syn));
		fputs("  ", f);
		put_wrapped(f, syn, 2, 6);
		fputs("        ", f);
		put_wrapped(f, c->summary, 8, 8);
	}
	print_options(&cli_main_command, f);
	fputs("\n`faultsim COMMAND --help` shows a command's options and an "
	      "example.\nexit status: 0 success, 1 a finding or failed test, "
	      "2 bad usage/input\n", f);
}
