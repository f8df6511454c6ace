// The pack's entry point (policypack/package.json "main"). Constructing a PolicyPack starts the gRPC
// server and prints its port: nothing else may import this module.
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policyPackArgs } from "./pack-args";

new PolicyPack(PACK_NAME, policyPackArgs());
