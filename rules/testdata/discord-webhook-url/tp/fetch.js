await fetch("{{webhook.ptb}}", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ content: "build failed" }),
});
