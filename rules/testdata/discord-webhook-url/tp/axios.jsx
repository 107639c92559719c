const HOOK = `{{webhook._first}}`;
export const Notify = () => <button onClick={() => axios.post(HOOK, { content: "hi" })}>ping</button>;
