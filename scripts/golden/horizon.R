# The chance a reply still comes and the learned horizon, from R's survfit, per PRODUCT.md:
#   t*      = the last time with n.risk >= 10 (replies later than t* do not move anything)
#   chance  = (S(min(d, t*)) - S(t*)) / S(min(d, t*)) for each whole day d, NA when S(min(d, t*))
#             is 0, and NA for every d with fewer than 20 events in the data set ("not known yet")
#   learned = the smallest whole day d <= t* with chance(d) < 0.10, else t* + 1 (NA as above)
# Every whole day from 0 to the largest time + 1 is evaluated (no reliance on where S steps).
# Writes tests/golden/horizon.json. Usage: Rscript scripts/golden/horizon.R <repo root>
suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) >= 1) args[1] else "."
inputs <- file.path(root, "tests", "golden", "inputs")
meta <- read.delim(file.path(inputs, "counts.tsv"), stringsAsFactors = FALSE, quote = "")

num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
threshold <- 0.10
min_events <- 20
min_at_risk <- 10

cases <- character(0)
for (i in seq_len(nrow(meta))) {
  name <- meta$name[i]
  d <- read.csv(file.path(inputs, paste0(name, ".csv")))
  fit <- survfit(Surv(time, event) ~ 1, data = d)
  # S at any whole day: 1 before the first time, else the last step at or before it.
  s_at <- function(day) {
    k <- findInterval(day, fit$time)
    ifelse(k == 0, 1, fit$surv[pmax(k, 1)])
  }
  events <- sum(d$event)
  qualifying <- fit$time[fit$n.risk >= min_at_risk]
  days <- 0:(max(d$time) + 1)
  known <- events >= min_events && length(qualifying) > 0
  t_star <- if (length(qualifying) > 0) max(qualifying) else NA
  s_star <- if (!is.na(t_star)) s_at(t_star) else NA
  chance <- rep(NA_real_, length(days))
  learned <- NA
  if (known) {
    s_d <- s_at(pmin(days, t_star))
    chance <- ifelse(s_d > 0, (s_d - s_star) / s_d, NA)
    below <- days[days <= t_star & !is.na(chance) & chance < threshold]
    learned <- if (length(below) > 0) min(below) else t_star + 1
  }
  points <- paste0('{"day": ', days, ', "chance": ', num(chance), '}', collapse = ", ")
  cases <- c(cases, sprintf(paste0('  {"name": "%s", "events": %d, "t_star": %s, "s_t_star": %s, ',
                                   '"learned_horizon": %s,\n   "chance": [%s]}'),
                            name, events, ifelse(is.na(t_star), "null", sprintf("%d", as.integer(t_star))),
                            num(s_star), ifelse(is.na(learned), "null", sprintf("%d", as.integer(learned))),
                            points))
}
source_text <- sprintf(paste0("R %s.%s, survival %s: survfit(Surv(time, event) ~ 1); t* = max time with ",
                              "n.risk >= %d; chance and learned horizon per PRODUCT.md (threshold %.2f, ",
                              "at least %d events)"),
                       R.version$major, R.version$minor, format(packageVersion("survival")),
                       min_at_risk, threshold, min_events)
json <- paste0('{\n "source": "', source_text, '",\n "threshold": 0.1, "min_events": 20, ',
               '"min_at_risk": 10,\n "cases": [\n', paste(cases, collapse = ",\n"), '\n ]\n}\n')
writeLines(json, file.path(root, "tests", "golden", "horizon.json"), sep = "")
cat(sprintf("wrote tests/golden/horizon.json (%d data sets)\n", length(cases)))
