/**
 * The entry `npx cdk8s synth` runs (cdk8s.yaml): builds the examples app and writes one manifest
 * per chart to dist/. A validation error prints the findings without a stack trace and exits 1.
 */
import { Synthesis } from '../src';
import { buildExamplesApp } from './app';

Synthesis.run(buildExamplesApp());
