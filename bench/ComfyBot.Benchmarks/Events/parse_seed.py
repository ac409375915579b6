"""The seed loop's parsing, timed in CPU-seconds for the parse-vs-python harness.

Reads the same frames the .NET side parses (one JSON text frame per line in each file) and parses them the way the
seed document's loop (ComfyUI's script_examples/websockets_api_example.py) does: json.loads, then the type check and,
for executing, the prompt-finished check. Prints one JSON line: messages per CPU-second for each file.
Usage: parse_seed.py MIN_CPU_SECONDS FILE...
"""
import json
import sys
import time


def seed_loop(frames, prompt_id):
    for out in frames:
        message = json.loads(out)
        if message['type'] == 'executing':
            data = message['data']
            if data['node'] is None and data['prompt_id'] == prompt_id:
                pass


def per_cpu_second(frames, minimum):
    seed_loop(frames, "none")  # warm-up pass
    count = 0
    start = time.process_time()
    while True:
        seed_loop(frames, "none")
        count += len(frames)
        spent = time.process_time() - start
        if spent >= minimum:
            return count / spent


def main():
    minimum = float(sys.argv[1])
    result = {}
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            frames = [line.rstrip("\n") for line in f if line.strip()]
        result[path] = per_cpu_second(frames, minimum)
    print(json.dumps({"python": sys.version.split()[0], "rates": result}))


main()
