set TOKEN={{mfa}}
node index.js
