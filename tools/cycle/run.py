"""The state of one run of the cycle, handed to every phase."""

import random
import time


class Run:
    def __init__(self, assembly, summary_path, pool_files, client):
        self.assembly = assembly
        self.summary_path = summary_path
        self.pool_files = pool_files     # pool kind -> the CSV to import
        self.client = client
        self.rng = random.Random(assembly)  # the synthetic choices, reproducible per assembly id
        self.S = {}                      # what the phases learn, for the next ones and the summary
        self.absence_rate = {}           # member id -> their own propensity to miss a session
        self.timings = []                # {"phase", "name", "seconds"} of each phase run
        self.current_phase = "start"
        self.t0 = time.time()

    def step(self, svc, text):
        print(f"  {svc:<16} {text}  (+{time.time() - self.t0:.1f} s)", flush=True)
