const TOKEN = "{{bot.seg2_first}}";

export function Status(): JSX.Element {
  return <span data-token={TOKEN}>online</span>;
}
