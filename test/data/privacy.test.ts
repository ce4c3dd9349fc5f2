/** What leaves the machine, on the shared labeled calls (../shared/eval/calls). */
import { SHARED_EVAL_CALLS } from "../../scripts/shared-data.js";
import { privacySuite } from "../support/privacy-suite.js";

privacySuite(SHARED_EVAL_CALLS);
