FROM alpine:3.19
ENV MFA_ENABLED=true
LABEL org.example.mfa.version="2"
