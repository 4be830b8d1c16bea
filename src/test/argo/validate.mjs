// Checks one Argo Rollouts AnalysisTemplate (a JSON file, argv[2]) against the schema of Argo Rollouts' API
// types that @kubernetes-models/argo-rollouts compiles into validators, and prints
// {"errors": [...], "unknown": [...]} on stdout (ops.ManifestSchemasTest reads it).
//
// errors: what the schema rejects (a wrong type, a missing required field).
// unknown: fields that the schema does not define. The compiled validators ignore such fields, like the
// Kubernetes API server, which prunes them from a custom resource without a word. So every field is probed:
// its value is replaced by values that no declared type accepts; a declared field then fails validation at
// its own path, a field the schema does not know never does.
import { readFileSync } from "node:fs";
import { AnalysisTemplate } from "@kubernetes-models/argo-rollouts/argoproj.io/v1alpha1/AnalysisTemplate";

const document = JSON.parse(readFileSync(process.argv[2], "utf8"));
const PROBES = [[[[]]], { "\u0000driftwatch-probe": [[]] }];

function errors(value) {
  try {
    new AnalysisTemplate(value).validate();
    return [];
  } catch (e) {
    if (!Array.isArray(e.errors)) {
      return [{ instancePath: "", keyword: "error", message: String(e) }];
    }
    return e.errors.map((error) => ({
      instancePath: error.instancePath,
      keyword: error.keyword,
      message: error.message ?? JSON.stringify(error.params),
    }));
  }
}

function declared(pointer) {
  return (error) => error.instancePath === pointer || error.instancePath.startsWith(pointer + "/");
}

const unknown = [];

function probe(node, path) {
  if (Array.isArray(node)) {
    node.forEach((item, i) => probe(item, path + "/" + i));
    return;
  }
  if (node === null || typeof node !== "object") {
    return;
  }
  for (const key of Object.keys(node)) {
    const pointer = path + "/" + key.replaceAll("~", "~0").replaceAll("/", "~1");
    const value = node[key];
    let known = false;
    for (const replacement of PROBES) {
      node[key] = replacement;
      known ||= errors(document).some(declared(pointer));
    }
    node[key] = value;
    if (known) {
      probe(value, pointer);
    } else {
      unknown.push(pointer);
    }
  }
}

const found = errors(document);
probe(document, "");
process.stdout.write(JSON.stringify({ errors: found, unknown }) + "\n");
