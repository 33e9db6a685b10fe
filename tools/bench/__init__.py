"""The benchmark scripts' Python helpers, each a small program run by ops/bench* (standard library):

  calc.py            calculators and JSON pickers (ops/bench, ops/bench-import)
  kcat_input.py      kcat -P's input of keyed messages (ops/bench)
  import_run.py      a roll import through sortition's API, peak RSS sampled (ops/bench-import)
  invitation_run.py  an invitation draw of 10,000, server and wall time (ops/bench-import)
  fair_run.py        a line of ops/bench-fair's runs file from one run's output
  fair_report.py     ops/bench-fair's medians, targets and write-up
"""
