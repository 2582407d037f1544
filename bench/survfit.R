# The R peer of `keel silence --json` (bench/run.sh): the Kaplan-Meier curve of reply times with
# R's survival package, defaults as keel documents them (Greenwood variance, log confidence
# interval), timed from process start to exit, reading the CSV included.
#   Rscript bench/survfit.R reply_times.csv
# The CSV (days,replied: one row per ask) comes from bench/reply_times.sql. Prints every step of the
# curve (time, n.risk, n.event, n.censor, surv, std.err, lower, upper) as CSV, so that the work is
# used and bench/run.sh can compare the curve with keel's.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1) stop("usage: Rscript bench/survfit.R reply_times.csv")
suppressPackageStartupMessages(library(survival))
d <- read.csv(args[1], colClasses = c("integer", "integer"))
fit <- survfit(Surv(days, replied) ~ 1, data = d)
s <- summary(fit, censored = TRUE)
out <- data.frame(time = s$time, n.risk = s$n.risk, n.event = s$n.event, n.censor = s$n.censor,
                  surv = s$surv, std.err = s$std.err, lower = s$lower, upper = s$upper)
write.csv(out, stdout(), row.names = FALSE)
