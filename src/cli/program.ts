import { Command, Option } from 'commander';
import { toolInfo } from '../tool-info.js';
import { analyzeCommand } from './commands/analyze.js';
import { collectCommand } from './commands/collect.js';
import { diffCommand, type DiffCommandOptions } from './commands/diff.js';
import { initCommand } from './commands/init.js';
import { renderCommand, type RenderCommandOptions } from './commands/render.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { consoleIo } from './io.js';

const forceOption = new Option(
  '--force',
  'replace files in the output folder that mailexposure did not write (never evidence)',
);

const formatsOption = new Option(
  '--formats <list>',
  "report formats to write, comma-separated (pdf,xlsx,json,csv); default: the case file's report.formats",
);

export function buildProgram(io = consoleIo()): Command {
  const program = new Command('mailexposure')
    .description(
      'Tells counsel which emails a Business Email Compromise attacker saw in Microsoft 365.',
    )
    .version(toolInfo.version)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  program
    .command('run')
    .description('read the evidence, decide the exposure and write the reports')
    .argument('<case>', 'the case file (YAML)')
    .option('--out <dir>', "output folder (default: the case file's output)")
    .addOption(formatsOption)
    .option('--json', 'print the summary as JSON')
    .option(
      '--strict',
      'fail (exit 1) when any input row was rejected or any part could not be collected',
    )
    .option('--offline', 'for a case with collect:, use what was collected before; fetch nothing')
    .option('--quiet', 'no progress on stderr')
    .addOption(forceOption)
    .action((casePath: string, options: RunCommandOptions) => runCommand(casePath, options, io));

  program
    .command('collect')
    .description(
      'collect the evidence of a case with a collect: section from Microsoft 365 (resumable)',
    )
    .argument('<case>', 'the case file (YAML)')
    .option('--strict', 'fail (exit 1) when any part of the evidence could not be collected')
    .option(
      '--check',
      'only sign in and probe each step: print what is needed, what is there, what would be missing (exit 1 if anything)',
    )
    .option('--quiet', 'no progress on stderr')
    .action((casePath: string, options: { quiet?: boolean; strict?: boolean; check?: boolean }) =>
      collectCommand(casePath, options, io),
    );

  program
    .command('analyze')
    .description('like run, but write report.json only')
    .argument('<case>', 'the case file (YAML)')
    .option('--out <dir>', "output folder (default: the case file's output)")
    .option('--json', 'print the summary as JSON')
    .option('--offline', 'for a case with collect:, use what was collected before; fetch nothing')
    .option('--quiet', 'no progress on stderr')
    .addOption(forceOption)
    .action((casePath: string, options: RunCommandOptions) =>
      analyzeCommand(casePath, options, io),
    );

  program
    .command('validate')
    .description('check the case file and read its evidence, without analysing or writing')
    .argument('<case>', 'the case file (YAML)')
    .action((casePath: string) => validateCommand(casePath, io));

  program
    .command('render')
    .description('render the reports again from a report.json')
    .argument('<report>', 'a report.json written by run or analyze')
    .option('--out <dir>', 'output folder (default: the folder of report.json)')
    .addOption(formatsOption)
    .option('--quiet', 'no progress on stderr')
    .addOption(forceOption)
    .action((reportPath: string, options: RenderCommandOptions) =>
      renderCommand(reportPath, options, io),
    );

  program
    .command('diff')
    .description('say what changed between an earlier and a later report.json of a case')
    .argument('<old>', 'the earlier report.json')
    .argument('<new>', 'the later report.json')
    .option('--json', 'print the changes as JSON instead of a summary')
    .option('--out <file>', 'also write the changes as JSON to this file')
    .action((oldPath: string, newPath: string, options: DiffCommandOptions) =>
      diffCommand(oldPath, newPath, options, io),
    );

  program
    .command('init')
    .description('write a commented case file template into a new case folder')
    .argument('<dir>', 'the case folder to create')
    .action((dir: string) => initCommand(dir, io));

  program
    .command('schema')
    .description("write the case file's JSON Schema (for editors)")
    .argument('[file]', 'where to write it', 'case.schema.json')
    .action((file: string) => schemaCommand(file, io));

  return program;
}

export interface RunCommandOptions {
  out?: string;
  formats?: string;
  json?: boolean;
  strict?: boolean;
  offline?: boolean;
  quiet?: boolean;
  force?: boolean;
}
