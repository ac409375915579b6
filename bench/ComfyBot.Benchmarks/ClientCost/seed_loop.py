"""The seed document's loop (ComfyUI's script_examples/websockets_api_example.py, with Debian's python3-websocket),
run JOBS times in turn on one connection, for the client-vs-seed harness. Only stamps are added: each HTTP request
and each WebSocket message gets its offset from the start of its job, so one job's timeline can be printed next to
ours. Prints one JSON line: per-job milliseconds and the last job's timeline.
Usage: seed_loop.py SERVER_ADDRESS JOBS WORKFLOW_JSON_FILE
"""
import json
import sys
import time
import urllib.parse
import urllib.request
import uuid

import websocket

server_address = sys.argv[1]
jobs = int(sys.argv[2])
with open(sys.argv[3], encoding="utf-8") as f:
    workflow = json.load(f)
client_id = str(uuid.uuid4())
timeline = []
job_start = 0.0


def stamp(what):
    timeline.append([round((time.perf_counter() - job_start) * 1000, 2), what])


def queue_prompt(prompt, prompt_id):
    p = {"prompt": prompt, "client_id": client_id, "prompt_id": prompt_id}
    data = json.dumps(p).encode('utf-8')
    req = urllib.request.Request("http://{}/prompt".format(server_address), data=data)
    stamp("HTTP POST /prompt sent")
    urllib.request.urlopen(req).read()
    stamp("HTTP POST /prompt answered")


def get_image(filename, subfolder, folder_type):
    data = {"filename": filename, "subfolder": subfolder, "type": folder_type}
    url_values = urllib.parse.urlencode(data)
    stamp("HTTP GET /view sent")
    with urllib.request.urlopen("http://{}/view?{}".format(server_address, url_values)) as response:
        body = response.read()
    stamp("HTTP GET /view answered (%d bytes)" % len(body))
    return body


def get_history(prompt_id):
    stamp("HTTP GET /history/{id} sent")
    with urllib.request.urlopen("http://{}/history/{}".format(server_address, prompt_id)) as response:
        body = json.loads(response.read())
    stamp("HTTP GET /history/{id} answered")
    return body


def get_images(ws, prompt):
    prompt_id = str(uuid.uuid4())
    queue_prompt(prompt, prompt_id)
    output_images = {}
    while True:
        out = ws.recv()
        if isinstance(out, str):
            message = json.loads(out)
            stamp("WS " + message['type'] + ("" if message['type'] != 'executing' else " node " + str(message['data'].get('node'))))
            if message['type'] == 'executing':
                data = message['data']
                if data['node'] is None and data['prompt_id'] == prompt_id:
                    break  # Execution is done
        else:
            stamp("WS binary %d bytes" % len(out))
            continue  # previews are binary data

    history = get_history(prompt_id)[prompt_id]
    for node_id in history['outputs']:
        node_output = history['outputs'][node_id]
        images_output = []
        if 'images' in node_output:
            for image in node_output['images']:
                image_data = get_image(image['filename'], image['subfolder'], image['type'])
                images_output.append(image_data)
        output_images[node_id] = images_output

    return output_images


ws = websocket.WebSocket()
ws.connect("ws://{}/ws?clientId={}".format(server_address, client_id))
per_job = []
for i in range(jobs):
    prompt = json.loads(json.dumps(workflow).replace("\"__COLOR__\"", str(int(uuid.uuid4().int % 0xFFFFFF))))
    timeline = []
    job_start = time.perf_counter()
    images = get_images(ws, prompt)
    per_job.append((time.perf_counter() - job_start) * 1000)
    stamp("done: %d image(s)" % sum(len(v) for v in images.values()))
ws.close()
print(json.dumps({"per_job_ms": per_job, "timeline": timeline}))
