/**
 * The words the parsers know, looked up once per word token at tokenize time.
 * Keys are upper case; apostrophes are ASCII (the tokenizer folds ’ to ').
 */
export const K = {
  NONE: 0,
  // Direction (futures) and verbs (options).
  LONG: 1, SHORT: 2, BUY: 3, SELL: 4, BOUGHT: 5, SOLD: 6,
  BTO: 10, STC: 11, STO: 12, BTC: 13, OPEN: 14, CLOSE: 15, TO: 16, ADD: 17,
  // Labels.
  STOP: 20, LOSS: 21, TARGET: 22, TN: 23, SIZE: 24, ENTRY: 25, AT: 26, PRICE: 27, FOR: 28,
  MARKET: 29, POINTS: 30, TICKS: 31, CONTRACTS: 32, QTY: 33, X: 34, OF: 35,
  // Exits and adjustments.
  OUT: 40, EXIT: 41, FLAT: 42, STOPPED: 43, HIT: 44, TRIM: 45, SCALE: 46, TAKE: 47, PROFIT: 48,
  MOVE: 49, BREAKEVEN: 50, COVER: 51, ALL: 52, REST: 53, HALF: 54, QUARTER: 55, BREAK: 56,
  EVEN: 57, REDUCE: 58,
  // Options contract words.
  CALL: 60, PUT: 61, MONTH: 62, EXP: 63, DTE: 64, WEEKLY: 65, MONTHLY: 66, TODAY: 67,
  TOMORROW: 68, FRIDAY: 69, THIS: 70, NEXT: 71, WEEK: 72,
  /** Spread, straddle, …: a multi-leg order (not `credit`/`net`: a single-leg STO takes a credit too). */
  MULTI_LEG: 73,
  // Tags.
  TAG: 80, HIGH: 81, RISK: 82, DAY: 83, TRADE: 84, SMALL: 85,
  // What makes a message talk about a trade rather than call one.
  HEDGE: 90, PAST: 91, NEGATION: 92, FORWARD: 93, CANCEL: 94, CONDITION: 95, TRIGGER: 96,
  QUESTION_WORD: 97, STATUS: 98,
  // Neutral words: greetings, pronouns and fillers that never lower confidence.
  FILLER: 99,
} as const;

export type Kw = (typeof K)[keyof typeof K];

const ENTRIES: Array<[Kw, string]> = [
  [K.LONG, 'LONG LONGS LONGING'],
  [K.SHORT, 'SHORT SHORTS SHORTING SHORTED'],
  [K.BUY, 'BUY BUYING BOT'],
  [K.SELL, 'SELL SELLING'],
  [K.BOUGHT, 'BOUGHT'],
  [K.SOLD, 'SOLD'],
  [K.BTO, 'BTO'], [K.STC, 'STC'], [K.STO, 'STO'], [K.BTC, 'BTC'],
  [K.OPEN, 'OPEN OPENED OPENING'],
  [K.CLOSE, 'CLOSE CLOSED CLOSING CLOSES'],
  [K.TO, 'TO'],
  [K.ADD, 'ADD ADDED ADDING ADDS'],
  [K.STOP, 'STOP STOPS SL STOPLOSS STP'],
  [K.LOSS, 'LOSS'],
  [K.TARGET, 'TARGET TARGETS TARGETING TGT TGTS TP TPS PT'],
  [K.SIZE, 'SIZE SIZED'],
  [K.ENTRY, 'ENTRY ENTER ENTERED ENTRIES'],
  [K.AT, 'AT'],
  [K.PRICE, 'PRICE AVG AVERAGE FILL FILLED COST PREMIUM LIMIT LMT'],
  [K.FOR, 'FOR'],
  [K.MARKET, 'MARKET MKT HERE NOW CMP'],
  [K.POINTS, 'PTS POINTS POINT HANDLES'],
  [K.TICKS, 'TICKS TICK'],
  [K.CONTRACTS, 'CONTRACTS CONTRACT CONS CTS CT LOTS LOT'],
  [K.QTY, 'QTY QUANTITY'],
  [K.X, 'X'],
  [K.OF, 'OF'],
  [K.OUT, 'OUT'],
  [K.EXIT, 'EXIT EXITED EXITING EXITS'],
  [K.FLAT, 'FLAT FLATTEN FLATTENED FLATTENING'],
  [K.STOPPED, 'STOPPED'],
  [K.HIT, 'HIT HITS TAGGED'],
  [K.TRIM, 'TRIM TRIMMED TRIMMING TRIMS'],
  [K.SCALE, 'SCALE SCALED SCALING'],
  [K.TAKE, 'TAKE TAKING TOOK'],
  [K.PROFIT, 'PROFIT PROFITS GAINS'],
  [K.MOVE, 'MOVE MOVING MOVED RAISE RAISING RAISED LOWER LOWERING LOWERED TRAIL TRAILING ' +
    'ADJUST ADJUSTING ADJUSTED TIGHTEN TIGHTENING TIGHTENED BUMP BUMPING BUMPED NEW'],
  [K.BREAKEVEN, 'BE BREAKEVEN BRACKEVEN B/E'],
  [K.COVER, 'COVER COVERED COVERING'],
  [K.ALL, 'ALL'],
  [K.REST, 'REST REMAINING REMAINDER RUNNER RUNNERS EVERYTHING'],
  [K.HALF, 'HALF'],
  [K.QUARTER, 'QUARTER'],
  [K.BREAK, 'BREAK'],
  [K.EVEN, 'EVEN'],
  [K.REDUCE, 'REDUCE REDUCED REDUCING REDUCES'],
  [K.CALL, 'C CALL CALLS'],
  [K.PUT, 'P PUT PUTS'],
  [K.EXP, 'EXP EXPIRY EXPIRATION EXPIRING EXPIRES EXPIRE EXPIRATIONS'],
  [K.DTE, 'DTE'],
  [K.WEEKLY, 'WEEKLY WEEKLIES WEEKLYS EOW'],
  [K.MONTHLY, 'MONTHLY MONTHLIES MONTHLYS OPEX'],
  [K.TODAY, 'TODAY'],
  [K.TOMORROW, 'TOMORROW TMRW'],
  [K.FRIDAY, 'FRIDAY FRI'],
  [K.THIS, 'THIS'],
  [K.NEXT, 'NEXT'],
  [K.WEEK, 'WEEK'],
  [K.MULTI_LEG, 'SPREAD SPREADS VERTICAL CONDOR BUTTERFLY FLY STRADDLE STRANGLE CALENDAR DIAGONAL COLLAR LEGS'],
  [K.TAG, 'GAMMA LOTTO LOTTOS LOTTERY RISKY SWING SWINGS SCALP SCALPS YOLO SPEC SPECULATIVE STARTER DAYTRADE'],
  [K.HIGH, 'HIGH'],
  [K.RISK, 'RISK'],
  [K.DAY, 'DAY'],
  [K.TRADE, 'TRADE'],
  [K.SMALL, 'SMALL'],
  [K.HEDGE, 'MAYBE MIGHT PROBABLY THINKING THINK CONSIDERING WATCHING WAITING WAIT WOULD COULD ' +
    'SHOULD PLAN PLANNING POSSIBLE POSSIBLY HOPE HOPING WISH WANT WANNA LOOKING CONSIDER PERHAPS ' +
    "IDEA PREFER WOULDN'T COULDN'T"],
  [K.PAST, "YESTERDAY YESTERDAY'S LAST EARLIER AGO WAS WERE REMEMBER RECAP MISSED PREVIOUS " +
    "PREVIOUSLY HAD WOULD'VE SHOULD'VE COULD'VE WASN'T WEREN'T WORKED PAID PRINTED NAILED CALLED AGED"],
  [K.STATUS, 'DOING WORKING HOLDING HELD STILL RUNNING'],
  [K.NEGATION, "NOT NO DON'T DONT NEVER AVOID AVOIDING ISN'T DIDN'T AREN'T NOPE"],
  [K.FORWARD, 'FWD FW FORWARDED FORWARDING REPOST REPOSTING REPOSTED RT QUOTING QUOTED'],
  [K.CANCEL, 'CANCEL CANCELLED CANCELED CANCELING CANCELLING SCRATCH SCRATCHED NVM NEVERMIND ' +
    'DISREGARD IGNORE VOID INVALIDATED DELETE'],
  [K.CONDITION, 'IF WHEN UNLESS ONCE'],
  [K.TRIGGER, 'ABOVE BELOW OVER UNDER BREAKS BREAKING RECLAIM RECLAIMS BREAKOUT BREAKDOWN'],
  [K.QUESTION_WORD, "WHO WHAT WHY HOW WHERE ANYONE ANYBODY SOMEONE WHO'S WHOS WHAT'S WHATS HOW'S"],
  [K.FILLER, "I I'M IM WE WE'RE ME MY OUR A AN THE AND ALERT ALERTS GOOD MORNING GM AFTERNOON " +
    "EVENING HERE'S HERES LET'S LETS GO GOING TEAM EVERYONE GUYS FOLKS FAM OK OKAY ALRIGHT " +
    'ON IN IS AM ARE IT ONE PLAY SETUP SIGNAL FUTURES OPTIONS OPTION ORDER ORDERS STRATEGY ' +
    "POSITION JUST SOME MORE GOT GETTING GET WITH FROM YOU Y'ALL YALL"],
];

const MONTH_ENTRIES: Array<[string, number]> = [
  ['JAN', 1], ['JANUARY', 1], ['FEB', 2], ['FEBRUARY', 2], ['MAR', 3], ['MARCH', 3], ['APR', 4],
  ['APRIL', 4], ['MAY', 5], ['JUN', 6], ['JUNE', 6], ['JUL', 7], ['JULY', 7], ['AUG', 8],
  ['AUGUST', 8], ['SEP', 9], ['SEPT', 9], ['SEPTEMBER', 9], ['OCT', 10], ['OCTOBER', 10],
  ['NOV', 11], ['NOVEMBER', 11], ['DEC', 12], ['DECEMBER', 12],
];

export const KEYWORDS: ReadonlyMap<string, Kw> = (() => {
  const m = new Map<string, Kw>();
  for (const [kw, words] of ENTRIES) for (const w of words.split(' ')) if (w) m.set(w, kw);
  // Numbered targets: T1…T9, TP1…, PT1…, TARGET1…, TGT1….
  for (let i = 1; i <= 9; i++) for (const p of ['T', 'TP', 'PT', 'TARGET', 'TGT']) m.set(`${p}${i}`, K.TN);
  for (const [name] of MONTH_ENTRIES) m.set(name, K.MONTH);
  return m;
})();

/** Tag keywords → the tag stored on the alert. */
export const TAG_OF: ReadonlyMap<string, string> = new Map([
  ['GAMMA', 'GAMMA'], ['LOTTO', 'LOTTO'], ['LOTTOS', 'LOTTO'], ['LOTTERY', 'LOTTO'], ['RISKY', 'HIGH_RISK'],
  ['SWING', 'SWING'], ['SWINGS', 'SWING'], ['SCALP', 'SCALP'], ['SCALPS', 'SCALP'], ['YOLO', 'YOLO'],
  ['SPEC', 'SPECULATIVE'], ['SPECULATIVE', 'SPECULATIVE'], ['STARTER', 'STARTER'], ['DAYTRADE', 'DAY_TRADE'],
]);


export const MONTH_OF: ReadonlyMap<string, number> = new Map(MONTH_ENTRIES);

/** Target label → its index (T2 → 2); plain labels (TP, TARGETS) → 0. */
export function targetIndex(word: string): number {
  const last = word.charCodeAt(word.length - 1);
  return last >= 49 && last <= 57 ? last - 48 : 0;
}

/**
 * Words that may look like a ticker but are ordinary English; never taken as a symbol or an
 * underlying. Kept short: everything in KEYWORDS is excluded anyway.
 */
export const NOT_A_TICKER: ReadonlySet<string> = new Set(
  ("I I'M IM WE YOU HE SHE THEY IT ME US HIM HER THEM MY OUR YOUR HIS ITS THEIR A AN THE SOME ANY " +
    'MORE MOST LESS FEW MANY THESE THOSE THAT THERE STILL ALSO JUST VERY SO TOO REALLY BE BEEN ' +
    'STAY STAYING STAYED WENT GONE GONNA GOT GET GETS DO DID DOES DONE HAS HAVE HAVING AM IS ARE ' +
    'AND OR BUT IF THEN THAN WITH WITHOUT BY UP DOWN OFF ON IN INTO ONTO AS AT OF FROM YES YEAH YEP ' +
    'LOL LMAO LMFAO HAHA OMG WOW NICE GREAT GG GZ TY THX THANKS BIG SMALL LITTLE BIT LOT LOTS ' +
    'GOOD BAD BEST WORST EVERYONE GUYS FOLKS TEAM FAM ALERT ALERTS IM ILL ID IVE HERE THERE WHERE ' +
    'VERY EXTRA SAME OTHER ANOTHER EACH EVERY BOTH DAILY TOTAL ONLY ALMOST AGAIN ALREADY EVEN').split(' '),
);

/**
 * Known words, findable straight from the message text without slicing or upper-casing it:
 * an open-addressing table keyed by a case-folded FNV-1a hash. Every keyword is here, so a miss
 * also means "no keyword". Futures roots and common tickers are here too (as K.NONE) so the
 * words alerts are made of never allocate.
 */
const INTERN_BITS = 11;
const INTERN_MASK = (1 << INTERN_BITS) - 1;
const internWords: (string | undefined)[] = new Array<string | undefined>(1 << INTERN_BITS);
const internKws = new Uint8Array(1 << INTERN_BITS);

/** One step of the folded hash: ASCII letters fold to upper case, ’ to '. */
export function hashStep(h: number, c: number): number {
  const folded = c >= 97 && c <= 122 ? c - 32 : c === 0x2019 ? 39 : c;
  return Math.imul(h ^ folded, 16777619);
}
export const HASH_SEED = 2166136261 | 0;

function intern(word: string, kw: Kw): void {
  let h = HASH_SEED;
  for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
  let slot = h & INTERN_MASK;
  while (internWords[slot] !== undefined && internWords[slot] !== word) slot = (slot + 1) & INTERN_MASK;
  internWords[slot] = word;
  internKws[slot] = kw;
}

for (const [word, kw] of KEYWORDS) intern(word, kw);
for (const word of ('ES MES NQ MNQ YM MYM RTY M2K SPY QQQ IWM SPX SPXW NDX RUT XSP DIA VIX TSLA AAPL NVDA AMD ' +
  'MSFT META AMZN GOOGL GOOG NFLX COIN PLTR SMCI AVGO MU INTC BA DIS JPM BAC XLF XLE GLD SLV TLT HOOD MSTR UBER ' +
  'ARM SHOP SNOW CRM ORCL ADBE LLY UNH WMT COST TGT HD NKE SBUX MCD KO PEP XOM CVX').split(' ')) {
  if (!KEYWORDS.has(word)) intern(word, K.NONE);
}

/** Slot of the word `s[from, to)` (hash `h`) in the intern table, or -1. Compares case-folded. */
export function internSlot(s: string, from: number, to: number, h: number): number {
  const len = to - from;
  for (let slot = h & INTERN_MASK; ; slot = (slot + 1) & INTERN_MASK) {
    const w = internWords[slot];
    if (w === undefined) return -1;
    if (w.length !== len) continue;
    let i = 0;
    for (; i < len; i++) {
      const c = s.charCodeAt(from + i);
      const folded = c >= 97 && c <= 122 ? c - 32 : c === 0x2019 ? 39 : c;
      if (folded !== w.charCodeAt(i)) break;
    }
    if (i === len) return slot;
  }
}

export function internedWord(slot: number): string {
  return internWords[slot] as string;
}

export function internedKw(slot: number): Kw {
  return internKws[slot] as Kw;
}
