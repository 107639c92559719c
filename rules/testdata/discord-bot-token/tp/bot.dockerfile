FROM python:3.12-slim
WORKDIR /app
COPY . .
ENV DISCORD_TOKEN={{bot.new18}}
CMD ["python", "bot.py"]
