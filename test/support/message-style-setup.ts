// Jest setup: every message a test makes a rule emit must keep the first-sentence rule (see
// policies/core/message-style.ts); a message that breaks it makes the rule fail, so every exact-message
// test exercises it. The pack processes the protocol tests start inherit these variables.
import { MESSAGE_STYLE_ENV, MESSAGE_STYLE_PENDING_ENV } from "../../policies/core/message-style";
import { MESSAGE_STYLE_PENDING } from "./message-style-pending";

process.env[MESSAGE_STYLE_ENV] = "1";
process.env[MESSAGE_STYLE_PENDING_ENV] = MESSAGE_STYLE_PENDING.join(",");
