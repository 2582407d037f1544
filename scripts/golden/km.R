# Kaplan-Meier reference: for each tests/golden/inputs/km_*.csv (time,event) writes
# tests/golden/km_*.json with every field of survfit(Surv(time, event) ~ 1) at its defaults
# (conf.type = "log", conf.int = 0.95), one row per distinct time, censoring-only times included.
# Usage: Rscript scripts/golden/km.R <repo root>
suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) >= 1) args[1] else "."
inputs <- file.path(root, "tests", "golden", "inputs")
meta <- read.delim(file.path(inputs, "counts.tsv"), stringsAsFactors = FALSE, quote = "")

# Doubles at 17 significant digits (round-trip exact); NA, NaN and Inf become null.
num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
int <- function(x) sprintf("%d", as.integer(x))
str <- function(s) paste0('"', gsub('"', '\\\\"', s), '"')

source_text <- sprintf("R %s.%s, survival %s: survfit(Surv(time, event) ~ 1) defaults; std_err is fit$std.err (Greenwood, of the cumulative hazard)",
                       R.version$major, R.version$minor, format(packageVersion("survival")))

for (i in seq_len(nrow(meta))) {
  name <- meta$name[i]
  d <- read.csv(file.path(inputs, paste0(name, ".csv")))
  fit <- survfit(Surv(time, event) ~ 1, data = d)
  stopifnot(fit$conf.type == "log", fit$conf.int == 0.95)
  rows <- sprintf(paste0('  {"time": %s, "n_risk": %s, "n_event": %s, "n_censor": %s, ',
                         '"surv": %s, "std_err": %s, "lower": %s, "upper": %s}'),
                  int(fit$time), int(fit$n.risk), int(fit$n.event), int(fit$n.censor),
                  num(fit$surv), num(fit$std.err), num(fit$lower), num(fit$upper))
  json <- paste0('{\n "source": ', str(source_text), ',\n',
                 ' "name": ', str(name), ',\n',
                 ' "description": ', str(meta$description[i]), ',\n',
                 ' "counts": {"observations": ', nrow(d), ', "events": ', meta$events[i],
                 ', "censored": ', meta$censored[i], ', "excluded": ', meta$excluded[i], '},\n',
                 ' "conf_type": "log", "conf_int": 0.95,\n',
                 ' "rows": [\n', paste(rows, collapse = ",\n"), '\n ]\n}\n')
  stopifnot(sum(d$event) == meta$events[i], sum(1 - d$event) == meta$censored[i])
  writeLines(json, file.path(root, "tests", "golden", paste0(name, ".json")), sep = "")
  cat(sprintf("wrote tests/golden/%s.json (%d times)\n", name, length(fit$time)))
}
