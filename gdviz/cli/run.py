"""`gdviz run`: descend without a window and print the result as a summary or JSON."""
from __future__ import annotations

import argparse
import json

from .base import Command
from .lang import QT_TRANSLATE_NOOP, translate
from .options import epilog, add_run_options, checked_run
from .report import out, result_dict
from .text import summary
from .values import count

DEFAULT_STEPS = 100

RUN_EXAMPLES = QT_TRANSLATE_NOOP("Cli", """examples:
  tutorial 002, one update with learning rate 0.1 (b = 0.8012, w = 0.0451):
    gdviz run --data linear --lr 0.1 --steps 1 --json
  tutorial 002, a learning rate too high (the loss explodes):
    gdviz run --data linear --lr 1.1
  tutorial 000, descent on b alone (half the summed squared error, b0 = 1):
    gdviz run --data house --model constant --reduction half-sum --lr 1e-4 --init b=1 --steps 10000
  tutorial 000, w and b together: badly scaled x makes it crawl:
    gdviz run --data house --steps 10000000 --no-stop
  tutorial 001, the beans by stochastic descent; then fixed steps of 0.01:
    gdviz run --data beans --batch stochastic
    gdviz run --data beans --batch full --step-size 0.01 --steps 300
  your own data, mini-batches of 10, a fifth held out for validation:
    gdviz run --csv points.csv --x-col 0 --y-col 1 --batch-size 10 --val-fraction 0.2
  tutorial 002 section 4, a bad feature: momentum, then Adam, then standardised x:
    gdviz run --data linear --bad-feature --lr 0.005 --momentum 0.9 --steps 300
    gdviz run --data linear --bad-feature --rule adam --lr 0.1 --steps 300
    gdviz run --data linear --standardise --lr 0.5 --steps 50
  a learning rate that halves every 50 steps, the gradient clipped to length 1:
    gdviz run --data linear --lr 0.5 --schedule step --decay-rate 0.5 --decay-steps 50 --clip norm --clip-value 1
  tutorial 004, random search in a box of half-width 3 around the start:
    gdviz run --data linear --search-radius 3 --steps 500
  descend a formula instead of fitting data (bowl, valley, rosenbrock, saddle, ...):
    gdviz run --function rosenbrock --rule adam --lr 0.05 --steps 2000

output:
  Without --json: data set, model, loss, settings, where the run stopped, the parameters
  beside the closed-form least-squares optimum, and the final losses.
  With --json one object: status ("ready": no step taken, "stopped": every step taken and not
  converged, "converged", "stalled" or "diverged"), message (says where it stopped and why),
  step, epoch, params {name: value}, grad, optimum {name: value} or null, final_loss,
  final_val_loss, loss (training loss at steps 0..step: loss[0] is the initial loss),
  val_loss (likewise, or null without a validation set), loss_steps (null, or the step of
  each loss entry when a run of more than ~1e6 steps kept a thinned history), diverged_at,
  converged_at (the first converged step, or null), n_train, n_val and config (every
  setting used). Numbers that are not finite are null.

when a run stops:
  At its first convergence (unless --no-stop), at a divergence, or after --steps steps.
  'gdviz race' stops each runner by the same rule.

exit status:
  0 when the run was made, also when it diverged (that is a lesson, not an error);
  2 for a bad flag, value or data file (one line on stderr: "gdviz: error: ...").
""")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """The `run` subcommand's flags."""
    parser = sub.add_parser("run", help=translate("Cli", "descend without a window and print the result"),
                            description=translate("Cli", "Run gradient descent without a window and print where it ended."),
                            epilog=epilog(RUN_EXAMPLES))
    add_run_options(parser, keep_defaults=False)
    group = parser.add_argument_group(translate("Cli", "run length and output"))
    add_length_options(group, DEFAULT_STEPS, translate("Cli", "take up to N steps; 0 shows the initial state "
                                                       "(default {0})").format(DEFAULT_STEPS))
    group.add_argument("--json", action="store_true",
                       help=translate("Cli", "print one JSON object (with the whole loss history) instead of a summary"))
    return parser


def add_length_options(group: argparse._ArgumentGroup, default: int | None, steps_help: str) -> None:
    """--steps and --no-stop: how far `run` and `race` go (both stop a run at its first convergence)."""
    group.add_argument("--steps", metavar="N", type=count, default=default, help=steps_help)
    group.add_argument("--no-stop", action="store_true",
                       help=translate("Cli", "keep stepping after convergence, up to --steps"))


def handle(args: argparse.Namespace) -> int:
    """Descend headless, print a summary or JSON."""
    run = checked_run(args)
    stop = not args.no_stop
    run.advance(args.steps, stop_on_converged=stop)
    if args.json:
        out(json.dumps(result_dict(run, steps=args.steps, stop_on_converged=stop), allow_nan=False))
    else:
        out(summary(run))
    return 0


COMMAND = Command(add_parser, handle)
