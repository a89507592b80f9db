HINT = ("early stopping keeps the best epoch seen up to the stop; the lowest loss of the whole "
        "curve may come after training has stopped, and the training loop never sees it")


def early_stopping(val_losses, patience):
    losses = [float(v) for v in val_losses]
    if patience < 1 or not losses:
        raise ValueError("patience < 1 or no losses")
    best_loss, waited = np.inf, 0
    stop = len(losses) - 1
    for epoch, loss in enumerate(losses):
        if loss < best_loss:
            best_loss, waited = loss, 0
        else:
            waited += 1
            if waited == patience:
                stop = epoch
                break
    return int(np.argmin(losses)), stop
