FROM alpine:3.19
ENV WEBHOOK={{webhook.canary}}
