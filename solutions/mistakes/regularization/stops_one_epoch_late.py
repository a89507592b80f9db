HINT = ("training stops at the epoch that completes `patience` epochs in a row without "
        "improvement (epochs count from 0); your stop_epoch is one epoch later than that")


def early_stopping(val_losses, patience):
    losses = [float(v) for v in val_losses]
    if patience < 1 or not losses:
        raise ValueError("patience < 1 or no losses")
    best_loss, best_epoch, waited = np.inf, 0, 0
    for epoch, loss in enumerate(losses):
        if loss < best_loss:
            best_loss, best_epoch, waited = loss, epoch, 0
        else:
            waited += 1
            if waited > patience:
                return best_epoch, epoch
    return best_epoch, len(losses) - 1
