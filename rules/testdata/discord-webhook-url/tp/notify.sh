#!/bin/sh
curl -H "Content-Type: application/json" -d '{"content":"done"}' {{webhook}}
