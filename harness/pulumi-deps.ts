// The gRPC and protobuf runtime instances that @pulumi/pulumi's generated code uses.
// Generated stubs check `instanceof` against their own copies of google-protobuf's Struct/Empty and
// serialize with their own @grpc/grpc-js: load those copies from @pulumi/pulumi's dependency tree,
// not whatever copy happens to be nearest to this file.
import type * as GrpcJs from "@grpc/grpc-js";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import { createRequire } from "module";

const requireFromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));

/** `@grpc/grpc-js` as resolved from @pulumi/pulumi (the instance `analyzer_grpc_pb` uses). */
export const grpc = requireFromPulumi("@grpc/grpc-js") as typeof GrpcJs;

/** `google.protobuf.Struct`/`Value` classes as resolved from @pulumi/pulumi. */
export const structPb = requireFromPulumi("google-protobuf/google/protobuf/struct_pb") as typeof StructPb;

/** `google.protobuf.Empty` as resolved from @pulumi/pulumi. */
export const emptyPb = requireFromPulumi("google-protobuf/google/protobuf/empty_pb") as typeof EmptyPb;
