/**
 * The lottery (摇号) as a pure function anyone can re-run: each public ticket number is ranked by
 * SHA-256(seed + ':' + ticket) and the first `prizes` win. The seed is drawn when the batch is
 * published and only its SHA-256 is shown until the draw, so nobody (the union included) can
 * pick a seed after seeing who registered, and the moment someone registered plays no part.
 */
import { sha256Hex } from './sha256';

export { sha256Hex };

/** Public ticket numbers: eight digits, random per registration, never a member id. */
export const TICKET_MIN = 10_000_000;
export const TICKET_MAX = 99_999_999;

/** The commitment shown from publication on: SHA-256 of the seed's text. */
export function seedCommitment(seed: string): string {
  return sha256Hex(seed);
}

export function ticketRank(seed: string, ticket: string): string {
  return sha256Hex(`${seed}:${ticket}`);
}

/**
 * The winners, in rank order. `tickets` is the public list of eligible registrations, in any
 * order (the answer does not depend on it); at most `prizes` win, everyone when there are fewer.
 */
export function drawLottery(seed: string, tickets: readonly string[], prizes: number): string[] {
  const ranked = [...new Set(tickets)].map((ticket) => ({ ticket, rank: ticketRank(seed, ticket) }));
  ranked.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
  return ranked.slice(0, Math.max(0, prizes)).map((r) => r.ticket);
}

/**
 * One line that re-runs the draw from the public result (`GET <resultUrl>` answers the seed, the
 * number of prizes and the drawn tickets) and prints the winning tickets, sorted.
 */
export function lotteryRecipe(resultUrl: string): string {
  return (
    `curl -s '${resultUrl}' | node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>{const r=JSON.parse(d),` +
    `h=t=>require("crypto").createHash("sha256").update(r.seed+":"+t).digest("hex");` +
    `console.log(r.tickets.map(t=>[h(t),t]).sort().slice(0,r.prizes).map(x=>x[1]).sort().join(" "))})'`
  );
}

/** The same check with coreutils only, over a file of tickets (one per line): prints the winning tickets. */
export function lotteryShellRecipe(seed: string, prizes: number): string {
  return `while read t; do printf '%s %s\\n' "$(printf '%s' "${seed}:$t" | sha256sum | cut -c1-64)" "$t"; done < tickets.txt | sort | head -n ${prizes} | cut -d' ' -f2 | sort`;
}
