# The 24-hour promise's report (app/questions.h): the median time to answer from the Kaplan-Meier
# estimator with open questions censored, as R's survfit gives it (quantile(fit, 0.5), which is
# also what print(fit) shows). Writes tests/golden/questions_km.json from the cases below: minutes
# from asking to the first answer (answered = 1) or to now (open = 0).
# Usage: Rscript scripts/golden/questions_km.R <repo root>
suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) >= 1) args[1] else "."

cases <- list(
  list(name = "mixed_with_ties",
       description = "answers at 30 to 1500 minutes, two at 45, three still open",
       minutes = c(30, 45, 45, 60, 90, 120, 240, 300, 1500, 1600),
       answered = c(1, 1, 1, 0, 1, 1, 0, 1, 1, 0)),
  list(name = "exactly_half",
       description = "two answers: the curve is exactly one half between them (the midpoint)",
       minutes = c(60, 180), answered = c(1, 1)),
  list(name = "half_then_censored",
       description = "one answer, one open question waiting longer: the curve stays at one half",
       minutes = c(60, 120), answered = c(1, 0)),
  list(name = "never_half",
       description = "one answer of four; the open ones waited longer: no median",
       minutes = c(60, 100, 200, 300), answered = c(1, 0, 0, 0)),
  list(name = "all_open",
       description = "no answer yet: no median",
       minutes = c(10, 20), answered = c(0, 0)),
  list(name = "one_breach_in_twelve",
       description = "a coach's month: eleven answers within a day, one late, two open",
       minutes = c(35, 80, 95, 180, 240, 240, 390, 600, 720, 900, 1380, 1700, 200, 1000),
       answered = c(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0))
)

num <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
ints <- function(v) paste0("[", paste(sprintf("%d", as.integer(v)), collapse = ", "), "]")
str <- function(s) paste0('"', gsub('"', '\\\\"', s), '"')

rows <- character(0)
for (c in cases) {
  fit <- survfit(Surv(c$minutes, c$answered) ~ 1)
  median <- unname(quantile(fit, probs = 0.5, conf.int = FALSE))
  rows <- c(rows, sprintf('  {"name": %s, "description": %s, "minutes": %s, "answered": %s, "median_minutes": %s}',
                          str(c$name), str(c$description), ints(c$minutes), ints(c$answered), num(median)))
}
source_text <- sprintf("R %s.%s, survival %s: quantile(survfit(Surv(minutes, answered) ~ 1), probs = 0.5, conf.int = FALSE)",
                       R.version$major, R.version$minor, format(packageVersion("survival")))
json <- paste0('{\n "source": ', str(source_text), ',\n "cases": [\n', paste(rows, collapse = ",\n"), '\n ]\n}\n')
writeLines(json, file.path(root, "tests", "golden", "questions_km.json"), sep = "")
cat("wrote tests/golden/questions_km.json\n")
