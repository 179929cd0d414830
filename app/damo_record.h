/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DAMON snapshots in the record format of damo (github.com/damonitor/damo,
 * src/_damo_records.py: DamonRecord.to_kvpairs(raw=True)), so that
 * `damo report access|heatmap|wss --input FILE` reads them
 * (docs/outputs.md).
 */
#ifndef FAULTSIM_APP_DAMO_RECORD_H
#define FAULTSIM_APP_DAMO_RECORD_H

#include <json-c/json.h>
#include "damon_core/synthetic_ops.h"

/* @rec of a kdamond run with @p as damo's list of one record; NULL: OOM */
json_object *damo_record_json(const struct synth_params *p,
			      const struct synth_record *rec);
/*
 * @rec to @path: damo record's default format (json_compressed: the JSON
 * zlib-compressed), or its plain "json" format when @path ends in
 * ".json".  0, or EXIT_USAGE after one line.
 */
int damo_record_write(const char *path, const struct synth_params *p,
		      const struct synth_record *rec);

#endif
