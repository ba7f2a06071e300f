#!/usr/bin/python3
"""The M/M/c model of bench SimulationBench, in SimPy: the same arrivals, service, servers, run length and warm-up.

Usage: /usr/bin/python3 bench/simpy/mmc.py LAMBDA MU SERVERS RUN_LENGTH WARM_UP REPLICATIONS SEED
Prints one JSON line per replication: mean wait, share of arrivals that waited, mean busy servers, events, seconds.
"""
import json
import random
import sys
import time

import simpy


def replication(lam, mu, servers, run_length, warm_up, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    pool = simpy.Resource(env, capacity=servers)
    stats = {"arrivals": 0, "waited": 0, "wait_sum": 0.0, "started": 0, "busy_area": 0.0, "events": 0}

    def person(arrived):
        with pool.request() as request:
            yield request
            start = env.now
            if arrived >= warm_up:
                stats["started"] += 1
                stats["wait_sum"] += start - arrived
            service = rng.expovariate(mu)
            yield env.timeout(service)
            # Busy time inside the reported window.
            stats["busy_area"] += max(0.0, min(env.now, run_length) - max(start, warm_up))
            stats["events"] += 1

    def arrivals():
        while True:
            yield env.timeout(rng.expovariate(lam))
            stats["events"] += 1
            now = env.now
            if now >= warm_up:
                stats["arrivals"] += 1
                if pool.count >= servers:
                    stats["waited"] += 1
            env.process(person(now))

    env.process(arrivals())
    clock = time.perf_counter()
    env.run(until=run_length)
    elapsed = time.perf_counter() - clock
    reported = run_length - warm_up
    return {
        "mean_wait": stats["wait_sum"] / max(1, stats["started"]),
        "p_wait": stats["waited"] / max(1, stats["arrivals"]),
        "busy": stats["busy_area"] / reported,
        "events": stats["events"],
        "seconds": elapsed,
    }


def main():
    lam, mu = float(sys.argv[1]), float(sys.argv[2])
    servers, run_length, warm_up = int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    replications, seed = int(sys.argv[6]), int(sys.argv[7])
    for r in range(replications):
        print(json.dumps(replication(lam, mu, servers, run_length, warm_up, seed * 1000 + r)), flush=True)


if __name__ == "__main__":
    main()
