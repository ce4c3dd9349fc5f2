/**
 * Stopwords: words that say nothing about what a sentence is about. One list per purpose, because
 * each purpose drops different words and the fitted judge model and the retrieval ranking were
 * tuned on their own list:
 *
 * - `STOPWORDS` (the toolkit's default): function words and spoken filler, for comparing a claim
 *   with documentation term by term (the judge, objection answers, coaching evidence).
 * - `QUERY_STOPWORDS`: also drops time words and common verbs of speech ("today", "hours",
 *   "think", "told"), because a documentation query built from a call should carry topic terms
 *   only, never when or how something was said.
 * - `SEARCH_STOPWORDS`: what the local full-text index ignores in a query; it keeps quantifiers
 *   and time words ("every", "hour"), which select docs pages about schedules and limits.
 */

function list(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter(Boolean));
}

export const STOPWORDS = list(
  `a an the and or but if then so of to in on at by for with from into onto about as is are was were be been being it its
  it's this that these those there their they them you your you're we our us i me my he she his her can could would should
  will shall may might must do does did done just like any every each all some also very really only much many more most
  what which who whom whose when where why how than too own same other such one ones thing things way lot kind sort going
  get gets got let lets make makes made use uses used using have has had having say says said actually basically pretty
  okay ok yeah yes sure right well anyway anything everything something ever still even simply straight go goes
  went gone come comes came give gives gave take takes took put puts fine great good nice bit stuff able whole else
  want wants wanted while don doesn isn aren won wasn weren didn hasn haven hadn shouldn wouldn couldn ll ve re`,
);

export const QUERY_STOPWORDS = list(
  `a about above after again against all also am an and any are aren't as at be because been before being below between
  both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
  further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
  how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off
  on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so
  some such than that that's the their theirs them themselves then there there's these they they'd they'll they're
  they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's
  when when's where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll
  you're you've your yours yourself yourselves just like really actually basically so well yeah yes okay ok sure right
  going gonna want wanna kind sort lot lots thing things stuff something anything everything someone anyone everyone
  today tomorrow yesterday week weeks month months year years day days time times hour hours minute minutes
  us our we've mean means say said tell told think thought know known guess maybe probably pretty quite still even
  already whatever whichever every any each either neither much many few little less least`,
);

export const SEARCH_STOPWORDS = list(
  `a about above after again all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers him his how i
  if in into is it its itself just let me more most my no nor not now of off on once only or other our ours out over own
  same she should so some such than that the their theirs them then there these they this those through to too under
  until up very was we were what when where which while who whom why will with would you your yours yourself really
  like just get got gets thing things way something anything everything lot lots kind sort actually basically pretty
  okay ok yeah yes sure well right going want wants need needs make makes use uses using used one ones`,
);

/**
 * `EVIDENCE_STOPWORDS`: the short list coaching uses to rank documentation sentences for quoting
 * (with `suffixStem`). Quantity and speech words ("only", "more", "say") stay topic words there;
 * replacing it with `STOPWORDS` and Porter changed which sentences the coaching quotes.
 */
export const EVIDENCE_STOPWORDS = list(
  "a an and are as at be by can do does for from has have how i if in is it its of on or our so that the their them then there these they this to was we what when where which who will with you your",
);
